// Hosts Ferry saved are known by their id before they answer: discovery names the ones it cannot
// read now, a different host at a saved URI is refused, and where a VM is stays unknowable (an
// error, never "nowhere") while a host that may hold it cannot be asked.

import { describe, expect, it } from 'vitest';
import { harness, migrationCalled, VM } from './job-harness';

describe('known host ids', () => {
  it('lists configured hosts it cannot read in unreachableHostIds, even before they ever answered', async () => {
    const h = harness();
    h.B.refuse = 1_000_000;
    const driver = h.driver();
    const found = await driver.discover();
    expect(found.hosts.map((x) => x.id)).toEqual([h.idA]);
    expect(found.unreachableHostIds).toEqual([h.idB]);
    // Without the saved id the host cannot even be named.
    const anonymous = h.driver({ hostIds: false });
    expect((await anonymous.discover()).unreachableHostIds).toEqual([]);
  });

  it('refuses a different host answering at a saved URI: it stays disconnected and says why', async () => {
    const h = harness();
    const driver = h.driver();
    await driver.discover();
    await expect(
      driver.addHost({ uri: 'qemu+tcp://b/system', clusterId: 'c', hostId: 'libvirt:99999999-9999-4999-8999-999999999999' }),
    ).rejects.toMatchObject({ message: expect.stringContaining('another host') });
  });

  it('keeps locateVm an error while a host a journaled job names cannot be asked, even after a restart', async () => {
    const h = harness();
    const spec = h.computeSpec();
    const first = h.driver();
    await first.startMigration(spec);
    await migrationCalled(h.A);
    await first.close();
    h.B.refuse = 1_000_000;
    h.B.dropConnections();
    const second = h.driver();
    await expect(second.locateVm(VM)).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    // A VM no job names is found where it is: B never had it in any snapshot.
    h.A.addDomain({ name: 'other', uuid: '11111111-0000-4000-8000-000000000001', state: 1, persistent: true });
    expect(await second.locateVm('11111111-0000-4000-8000-000000000001')).toEqual([{ hostId: h.idA, power: 'running', copy: 'whole' }]);
    // Nor may the host be removed while a job on it is not known to have ended.
    await expect(second.removeHost(h.idB)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
  });
});
