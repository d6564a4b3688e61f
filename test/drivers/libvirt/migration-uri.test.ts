// A host reached by a local socket URI has no address other hosts can dial: without a migration
// URI it cannot be a destination, and Ferry says so in the inventory (for the precheck) and with
// a typed error, before any task starts touching hosts.

import { afterEach, describe, expect, it } from 'vitest';
import type { LibvirtHostConfig } from '../../../src/main/drivers/libvirt/hosts/config';
import { LibvirtDriver } from '../../../src/main/drivers/libvirt/libvirt-driver';
import { isLocalSocketUri } from '../../../src/shared/model/libvirt-uri';
import { MemoryJournal } from '../../helpers/memory-journal';
import { FakeHost } from './fake-host';

const A = new FakeHost('aaaaaaaa-0000-4000-8000-0000000000aa', 'lab-a');
const B = new FakeHost('bbbbbbbb-0000-4000-8000-0000000000bb', 'lab-b');
const drivers: LibvirtDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
});

function newDriver(configs: LibvirtHostConfig[]): LibvirtDriver {
  const open = async (c: LibvirtHostConfig) => (c.uri.includes('a.sock') ? A : B).open();
  const driver = new LibvirtDriver({ hosts: configs, openClient: open, journal: new MemoryJournal() });
  drivers.push(driver);
  return driver;
}

describe('the migration URI of a host reached by a local socket', () => {
  it('is reported missing in the inventory, and present once configured', async () => {
    const driver = newDriver([
      { uri: 'qemu+unix:///system?socket=/run/lab/a.sock', clusterId: 'lab' },
      { uri: 'qemu+unix:///system?socket=/run/lab/b.sock', clusterId: 'lab', migrationUri: 'qemu+tcp://10.77.0.2/system' },
    ]);
    const { hosts } = await driver.discover();
    expect(hosts.find((h) => h.id === `libvirt:${A.uuid}`)?.incomingMigrationBlocker).toMatch(/local socket.*migration URI/);
    expect(hosts.find((h) => h.id === `libvirt:${B.uuid}`)?.incomingMigrationBlocker).toBeNull();
  });

  it('tells local socket URIs from ones other hosts can dial (the add-host form asks for it then)', () => {
    expect(isLocalSocketUri('qemu+unix:///system?socket=/run/lab/a.sock')).toBe(true);
    expect(isLocalSocketUri('qemu:///system')).toBe(true);
    expect(isLocalSocketUri('qemu+tcp://10.0.0.1/system')).toBe(false);
    expect(isLocalSocketUri('qemu+ssh://root@kvm1/system')).toBe(false);
    expect(isLocalSocketUri('qemu://kvm1/system')).toBe(false);
  });
});
