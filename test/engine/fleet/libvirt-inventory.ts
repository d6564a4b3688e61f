import { join } from 'node:path';
import { assembleDiscovery, type HostReport } from '../../../src/main/drivers/libvirt/inventory/discovery';
import type { DomainFacts, HostSnapshot } from '../../../src/main/drivers/libvirt/hosts/host-snapshot';
import { LibvirtDriver } from '../../../src/main/drivers/libvirt/libvirt-driver';
import { parseDomain } from '../../../src/main/drivers/libvirt/xml/domain';
import { parsePool } from '../../../src/main/drivers/libvirt/xml/pool';
import { InventoryService } from '../../../src/main/engine/fleet/inventory-service';
import type { EngineView } from '../../../src/main/engine/planning/view';
import { openDatabase } from '../../../src/main/store/database';
import { TopologyRepository } from '../../../src/main/store/inventory/topology';
import { MaintenanceRepository } from '../../../src/main/store/maintenance';
import { VmAttributeRepository } from '../../../src/main/store/vm-attributes';
import type { Discovery } from '../../../src/shared/model/inventory';
import { fixture } from '../../drivers/libvirt/fixtures';
import { MemoryJournal } from '../../helpers/memory-journal';

export const H1 = 'libvirt:11111111-1111-1111-1111-111111111111';
export const H2 = 'libvirt:22222222-2222-2222-2222-222222222222';
const GiB = 1024 ** 3;

/** lab-vm1's definition under another name and UUID: guests on the shared pool, as many as a test needs. */
function guest(name: string, uuid: string): DomainFacts {
  const xml = fixture('domain-lab-vm1-running.xml')
    .replace('<name>lab-vm1</name>', `<name>${name}</name>`)
    .replace(/<uuid>[^<]*<\/uuid>/, `<uuid>${uuid}</uuid>`);
  return { def: parseDomain(xml), power: 'running', cpuTimeNs: 0n, cpuFeatures: ['lm', 'sse2'], cpuModel: 'qemu64' };
}

export const uuidOf = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function host(hostId: string, name: string, guests: DomainFacts[], cpuUsage: number, memoryUsedBytes: number): HostReport {
  const snapshot: HostSnapshot = {
    hostId,
    name,
    clusterId: 'lab',
    takenAt: 0,
    memoryBytes: 8 * GiB,
    virtType: 'qemu',
    arch: 'x86_64',
    hostModelCpuXml: null,
    cpu: { vendor: 'amd', family: 25, model: 1, modelName: 'EPYC', features: ['lm', 'sse2'], cores: 2 },
    pools: [{ def: parsePool(fixture('pool-shared.xml')), active: true, volumes: [] }],
    networks: [],
    interfaces: [{ name: 'br0', type: 'bridge' }],
    domains: guests,
  };
  return {
    snapshot,
    connection: 'connected',
    health: 'ok',
    incomingMigrationBlocker: null,
    cpuUsage,
    memoryUsedBytes,
    migrationBandwidthBps: 1.25e9,
    migrationBandwidthSource: 'configured',
    configuredBridges: [],
  };
}

/**
 * What the libvirt driver reports for two hosts of one cluster: guests `hostOf` places (by number,
 * named lab-g<n>), h1 busy and h2 idle. libvirt itself knows no tags nor mission-critical flag.
 */
export function libvirtDiscovery(hostOf: Record<number, typeof H1 | typeof H2>): Discovery {
  const on = (hostId: string) =>
    Object.entries(hostOf)
      .filter(([, h]) => h === hostId)
      .map(([n]) => guest(`lab-g${n}`, uuidOf(Number(n))));
  return assembleDiscovery({
    driverId: 'libvirt',
    datacenterName: 'Lab',
    sharedPools: new Set(['shared']),
    datastoreThroughputBps: 1e8,
    hosts: [host(H1, 'h1', on(H1), 0.9, 7 * GiB), host(H2, 'h2', on(H2), 0.05, 1 * GiB)],
    clusters: [{ id: 'lab', name: 'Lab', cpuBaseline: ['lm'] }],
    vmDirtyRate: () => undefined,
    vmCpuUsage: () => 0.5,
  });
}

/** Ferry's inventory over a database in `dir`, as a restarted console opens it, and the engine's view of it. */
export function openInventory(dir: string) {
  const db = openDatabase(join(dir, 'ferry.db'));
  const inventory = new InventoryService(new TopologyRepository(db), new MaintenanceRepository(db), new VmAttributeRepository(db));
  const driver = new LibvirtDriver({ hosts: [], journal: new MemoryJournal() });
  const view: EngineView = {
    host: (id) => inventory.host(id),
    allHosts: () => inventory.allHosts(),
    vm: (id) => inventory.vm(id),
    allVms: () => inventory.allVms(),
    cluster: (id) => inventory.cluster(id),
    datastore: (id) => inventory.datastore(id),
    driver: (id) => (id === 'libvirt' ? driver : undefined),
  };
  return { db, inventory, view, close: () => db.close() };
}
