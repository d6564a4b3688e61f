import type { HypervisorDriver } from '../../src/main/drivers/driver';
import type { EngineView, Inbound } from '../../src/main/engine/planning/view';
import type { Host } from '../../src/shared/model/inventory';
import { presetView } from './fake-view';

const GiB = 1024 ** 3;

/** Each variant trips one precheck or rating rule, or several at once (to pin which are reported). */
const variants: Record<string, (h: Host) => Partial<Host>> = {
  twin: () => ({}),
  failed: () => ({ health: 'failed' }),
  disconnected: () => ({ connection: 'disconnected' }),
  unknown: () => ({ connection: 'unknown', health: 'unknown' }),
  degraded: () => ({ health: 'degraded' }),
  maintenance: () => ({ maintenance: 'on' }),
  entering: () => ({ maintenance: 'entering' }),
  'degraded-in-maintenance': () => ({ health: 'degraded', maintenance: 'on' }),
  socket: () => ({ incomingMigrationBlocker: 'it is reached by qemu:///system' }),
  'other-backend': () => ({ driverId: 'other' }),
  'other-backend-failed': () => ({ driverId: 'other', health: 'failed' }),
  'no-storage': () => ({ datastoreIds: [] }),
  'local-only': (h) => ({ datastoreIds: h.datastoreIds.slice(1) }),
  'no-network': () => ({ portGroups: [] }),
  'one-network': (h) => ({ portGroups: h.portGroups.slice(0, 1) }),
  full: (h) => ({ memoryUsedBytes: h.memoryBytes - 4 * GiB }),
  'full-and-busy': (h) => ({ memoryUsedBytes: h.memoryBytes - 4 * GiB, cpuUsage: 0.97 }),
  busy: () => ({ cpuUsage: 0.93 }),
  idle: () => ({ cpuUsage: 0, memoryUsedBytes: 0 }),
  'slow-link': () => ({ migrationBandwidthBps: 20e6 }),
  'fast-link': () => ({ migrationBandwidthBps: 12.5e9 }),
  'no-gpu': () => ({ passthroughDevices: [] }),
  'unsaid-devices': () => ({ passthroughDevices: undefined }),
  'old-cpu': (h) => ({ cpu: { ...h.cpu, features: h.cpu.features.slice(0, 12) } }),
  'unreadable-cpu': (h) => ({ cpu: { ...h.cpu, features: h.cpu.features.slice(0, 12), featuresError: 'no expansion' } }),
  'other-vendor': (h) => ({ cpu: { ...h.cpu, vendor: h.cpu.vendor === 'intel' ? 'amd' : 'intel' } }),
  'no-memory': () => ({ memoryBytes: 0 }),
};

/**
 * The demo estate with, beside each host, one copy per variant (in its cluster, named after it),
 * migrations on their way to some hosts, and a CPU baseline on one cluster: blocked, warned and
 * passing hosts of every kind, for pinning what ranking and prechecks say.
 */
export async function variedEstate() {
  const world = await presetView('demo');
  for (const host of [...world.hosts.values()])
    for (const [name, change] of Object.entries(variants)) {
      const id = `${host.id}_${name}`;
      world.hosts.set(id, { ...host, ...change(host), id, name: id });
    }
  // A backend whose hypervisor judges CPUs and cannot copy a powered-off guest's disks, with two hosts and guests of its own.
  const sim = world.view.driver('sim') as HypervisorDriver;
  const lean = { capabilities: { ...sim.capabilities, coldDiskCopy: false, cpuCompare: true, cpuFeaturesExact: false } };
  for (const id of ['DC0_C0_H0', 'DC0_C1_H0'])
    world.hosts.set(`${id}_lean`, { ...world.host(id), id: `${id}_lean`, name: `${id}_lean`, driverId: 'lean' });
  for (const id of ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM4'])
    world.vms.set(`${id}_lean`, { ...world.vm(id), id: `${id}_lean`, hostId: 'DC0_C0_H0_lean' });
  world.vms.set('DC0_C0_H0_VM5_paused', { ...world.vm('DC0_C0_H0_VM5'), id: 'DC0_C0_H0_VM5_paused', power: 'paused' });
  // Disks on a shared and a local datastore: its cluster's other hosts reach one of them.
  const spread = world.vm('DC0_C0_H0_VM1');
  const [disk] = spread.disks;
  if (disk)
    world.vms.set('DC0_C0_H0_VM1_two_stores', {
      ...spread,
      id: 'DC0_C0_H0_VM1_two_stores',
      disks: [disk, { ...disk, path: `${disk.path}.2`, datastoreId: 'DC0_C0_H0_DS0' }],
    });
  const withBaseline = world.view.cluster('DC0_C0');
  const view: EngineView = {
    ...world.view,
    driver: (id) => (id === 'lean' ? (lean as HypervisorDriver) : world.view.driver(id)),
    cluster: (id) =>
      id === 'DC0_C0' && withBaseline
        ? {
            ...withBaseline,
            evc: {
              model: 'Cascadelake-Server',
              vendor: 'intel',
              features: withBaseline.cpuBaseline,
              disabledFeatures: [],
              arch: null,
              virtType: null,
              source: 'computed',
              setAt: '2026-11-01T00:00:00.000Z',
              setBy: 'test',
            },
          }
        : world.view.cluster(id),
  };
  const inbound = new Map<string, Inbound>([
    ['DC0_C0_H2', { memoryBytes: 64 * GiB, vcpus: 16, diskBytesByDatastore: new Map() }],
    ['DC0_C0_H3_idle', { memoryBytes: 1000 * GiB, vcpus: 200, diskBytesByDatastore: new Map() }],
    ['DC0_C1_H1', { memoryBytes: 8 * GiB, vcpus: 4, diskBytesByDatastore: new Map([['DC0_C1_DS0', 1e15]]) }],
  ]);
  return { ...world, view, inbound };
}
