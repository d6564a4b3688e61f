import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryService } from '../../../src/main/engine/fleet/inventory-service';
import { openDatabase } from '../../../src/main/store/database';
import { TopologyRepository } from '../../../src/main/store/inventory/topology';
import { MaintenanceRepository } from '../../../src/main/store/maintenance';
import { VmAttributeRepository } from '../../../src/main/store/vm-attributes';
import type { Discovery } from '../../../src/shared/model/inventory';
import { buildPreset } from '../../../src/main/drivers/sim/presets';
import { useTempDirs } from '../../helpers/temp-dir';

/** The tiny preset as a driver would report it. */
function report(): Discovery {
  const s = buildPreset('tiny', 0);
  return {
    datacenters: s.datacenters,
    clusters: s.clusters,
    hosts: s.hosts.map(({ overheadLoad: _o, ...h }) => ({ ...h, cpuUsage: 0.1, memoryUsedBytes: 0 })),
    vms: s.vms.map(
      ({ workingSetBytes: _w, nonZeroFraction: _n, load: _l, bootId: _b, bootedAtMs: _t, pausedOn: _p, copy: _c, crashed: _x, ...v }) => ({
        ...v,
        cpuUsage: 0,
      }),
    ),
    datastores: s.datastores,
    networks: s.networks,
  };
}

describe('a host the driver cannot read now', () => {
  const tempDir = useTempDirs();

  it('keeps its VMs, datastores and cluster, shown disconnected, across a restart, until it answers again', () => {
    const file = join(tempDir(), 'ferry.db');
    const open = () => {
      const db = openDatabase(file);
      return {
        db,
        inventory: new InventoryService(new TopologyRepository(db), new MaintenanceRepository(db), new VmAttributeRepository(db)),
      };
    };
    const first = open();
    const full = report();
    first.inventory.applyDiscovery('libvirt', full);
    const h0 = full.hosts[0]!.id;
    const vmsOnH0 = first.inventory.vmsOnHost(h0).map((v) => v.id);
    expect(vmsOnH0.length).toBeGreaterThan(0);
    first.db.close();

    // Ferry restarts while h0 does not answer: the driver reports everything but h0, and says so.
    const second = open();
    const away: Discovery = {
      ...full,
      hosts: full.hosts.filter((h) => h.id !== h0),
      vms: full.vms.filter((v) => v.hostId !== h0),
      datastores: full.datastores.filter((d) => !full.hosts[0]!.datastoreIds.includes(d.id) || full.hosts[1]!.datastoreIds.includes(d.id)),
      unreachableHostIds: [h0],
    };
    second.inventory.applyDiscovery('libvirt', away);
    expect(second.inventory.host(h0)).toMatchObject({ connection: 'disconnected', health: 'unknown' });
    expect(second.inventory.vmsOnHost(h0).map((v) => v.id)).toEqual(vmsOnH0);
    expect(second.inventory.vmsOnHost(h0).every((v) => v.power === 'unknown')).toBe(true);
    for (const id of full.hosts[0]!.datastoreIds) expect(second.inventory.datastore(id)).toBeDefined();

    // Without the flag, a host missing from the report is a host removed.
    second.inventory.applyDiscovery('libvirt', { ...away, unreachableHostIds: [] });
    expect(second.inventory.host(h0)).toBeUndefined();
    expect(second.inventory.vmsOnHost(h0)).toEqual([]);
    second.db.close();
  });
});
