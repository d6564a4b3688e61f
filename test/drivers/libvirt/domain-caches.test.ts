// Per-domain caches of the libvirt driver over a long run: guests that are undefined or vanish
// from a host must not stay in memory for ever.
import { afterEach, describe, expect, it } from 'vitest';
import { LibvirtDriver } from '../../../src/main/drivers/libvirt/libvirt-driver';
import { FakeHost, State } from './fake-host';
import { MemoryJournal } from '../../helpers/memory-journal';

const A = new FakeHost('aaaaaaaa-0000-4000-8000-0000000000a1', 'kvm-a');
const drivers: LibvirtDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
  A.domains.clear();
});

const uuidOf = (i: number) => `11111111-0000-4000-8000-${String(i).padStart(12, '0')}`;
/** The reader's per-guest CPU samples (private: this test looks at what it holds). */
const cachedGuests = (driver: LibvirtDriver): number =>
  (driver as unknown as { reader: { guestCpu: Map<string, unknown> } }).reader.guestCpu.size;

describe('the libvirt driver over a long run', () => {
  it('forgets the guests that disappeared from their host', async () => {
    const driver = new LibvirtDriver({
      hosts: [{ uri: 'qemu+tcp://a/system', clusterId: 'c1' }],
      openClient: async () => A.open(),
      journal: new MemoryJournal(),
    });
    drivers.push(driver);
    for (let i = 0; i < 30; i++) A.addDomain({ name: `vm${i}`, uuid: uuidOf(i), state: State.RUNNING, persistent: true });
    expect((await driver.discover()).vms).toHaveLength(30);
    expect(cachedGuests(driver)).toBe(30);
    // Twenty guests are undefined (or destroyed) outside Ferry.
    for (let i = 0; i < 20; i++) A.domains.delete(uuidOf(i));
    expect((await driver.discover()).vms).toHaveLength(10);
    expect(cachedGuests(driver)).toBe(10);
  });
});
