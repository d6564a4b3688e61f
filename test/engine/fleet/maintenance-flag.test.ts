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

describe('the maintenance flag of a host', () => {
  const tempDir = useTempDirs();

  it('survives the host dropping out of one discovery, also across a restart', () => {
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
    const h0 = full.hosts[0]!.id;
    first.inventory.applyDiscovery('libvirt', full);
    first.inventory.setMaintenance(h0, 'on');
    const without = { ...full, hosts: full.hosts.filter((h) => h.id !== h0), vms: full.vms.filter((v) => v.hostId !== h0) };
    first.inventory.applyDiscovery('libvirt', without);
    first.inventory.applyDiscovery('libvirt', full);
    expect(first.inventory.host(h0)?.maintenance).toBe('on');

    first.inventory.applyDiscovery('libvirt', without);
    first.db.close();
    const second = open();
    second.inventory.applyDiscovery('libvirt', full);
    expect(second.inventory.host(h0)?.maintenance).toBe('on');
    second.db.close();
  });
});
