import { describe, expect, it } from 'vitest';
import type { HypervisorDriver } from '../../src/main/drivers/driver';
import { precheck } from '../../src/main/engine/planning/prechecks';
import { rankHosts } from '../../src/main/engine/planning/recommend';
import type { DriverCapabilities } from '../../src/shared/api/drivers';
import type { MigrationType } from '../../src/shared/model/migration';
import type { PrecheckCode } from '../../src/shared/model/precheck';
import { presetView } from './fake-view';

type World = Awaited<ReturnType<typeof presetView>>;
const GiB = 1024 ** 3;

async function codes(
  vmId: string,
  destId: string,
  options: { type?: MigrationType; ds?: string | null; migrating?: boolean; tweak?: (w: World) => void } = {},
) {
  const world = await presetView('demo');
  options.tweak?.(world);
  const results = precheck(world.view, {
    vm: world.vm(vmId),
    dest: world.host(destId),
    type: options.type ?? 'compute',
    destDatastoreId: options.ds ?? null,
    inbound: undefined,
    vmAlreadyMigrating: options.migrating ?? false,
  });
  for (const r of results) expect(r.hint.length).toBeGreaterThan(10);
  return results.map((r) => `${r.severity}:${r.code}`);
}

/** The simulated backend, as if it lacked some of its capabilities. */
function withCapabilities(world: World, patch: Partial<DriverCapabilities>): void {
  const driver = { capabilities: { ...world.sim.capabilities, ...patch } } as unknown as HypervisorDriver;
  world.view.driver = (id) => (id === 'sim' ? driver : undefined);
}

describe('prechecks', () => {
  const cases: [string, Promise<string[]>, `${'error' | 'warning'}:${PrecheckCode}`][] = [
    ['same host', codes('DC0_C0_H0_VM0', 'DC0_C0_H0'), 'error:SAME_HOST'],
    ['already migrating', codes('DC0_C0_H0_VM0', 'DC0_C0_H1', { migrating: true }), 'error:VM_ALREADY_MIGRATING'],
    ['powered off: moves cold', codes('DC0_C0_H0_VM4', 'DC0_C0_H1'), 'warning:VM_POWERED_OFF'],
    [
      'paused',
      codes('DC0_C0_H0_VM0', 'DC0_C0_H1', { tweak: (w) => w.vms.set('DC0_C0_H0_VM0', { ...w.vm('DC0_C0_H0_VM0'), power: 'paused' }) }),
      'error:VM_NOT_RUNNING',
    ],
    [
      'powered off, backend moves running guests only',
      codes('DC0_C0_H0_VM4', 'DC0_C0_H1', { tweak: (w) => withCapabilities(w, { coldMigration: false }) }),
      'error:VM_NOT_RUNNING',
    ],
    [
      'powered off, backend cannot copy cold disks',
      codes('DC0_C0_H0_VM4', 'DC0_C0_H1', {
        type: 'both',
        ds: 'DC0_C0_H1_DS0',
        tweak: (w) => withCapabilities(w, { coldDiskCopy: false }),
      }),
      'error:COLD_DISK_COPY_UNSUPPORTED',
    ],
    [
      "passthrough device, powered off, the destination's devices unknown (its backend does not say)",
      codes('DC0_C0_H1_VM5', 'DC0_C0_H0', {
        tweak: (w) => {
          w.vms.set('DC0_C0_H1_VM5', { ...w.vm('DC0_C0_H1_VM5'), power: 'off' });
          w.hosts.set('DC0_C0_H0', { ...w.host('DC0_C0_H0'), passthroughDevices: undefined });
        },
      }),
      'warning:DEVICE_NOT_MIGRATABLE',
    ],
    ['passthrough device', codes('DC0_C0_H1_VM5', 'DC0_C0_H0'), 'error:DEVICE_NOT_MIGRATABLE'],
    ['Intel to AMD', codes('DC0_C0_H0_VM0', 'DC0_C1_H0'), 'error:CPU_VENDOR_MISMATCH'],
    ['newer CPU features missing', codes('DC0_C0_H2_VM0', 'DC0_C0_H0'), 'error:CPU_FEATURES_MISSING'],
    [
      'maintenance',
      codes('DC0_C0_H0_VM0', 'DC0_C0_H1', { tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), maintenance: 'on' }) }),
      'error:HOST_IN_MAINTENANCE',
    ],
    [
      'entering maintenance',
      codes('DC0_C0_H0_VM0', 'DC0_C0_H1', { tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), maintenance: 'entering' }) }),
      'error:HOST_ENTERING_MAINTENANCE',
    ],
    [
      'disconnected',
      codes('DC0_C0_H0_VM0', 'DC0_C0_H1', {
        tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), connection: 'disconnected' }),
      }),
      'error:HOST_DISCONNECTED',
    ],
    [
      'failed',
      codes('DC0_C0_H0_VM0', 'DC0_C0_H1', { tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), health: 'failed' }) }),
      'error:HOST_FAILED',
    ],
    [
      'degraded',
      codes('DC0_C0_H0_VM0', 'DC0_C0_H1', { tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), health: 'degraded' }) }),
      'warning:HOST_DEGRADED',
    ],
    [
      'not enough memory',
      codes('DC0_C0_H1_VM3', 'DC0_C0_H0', {
        tweak: (w) => w.hosts.set('DC0_C0_H0', { ...w.host('DC0_C0_H0'), memoryUsedBytes: 200 * GiB }),
      }),
      'error:INSUFFICIENT_MEMORY',
    ],
    [
      'CPU would be saturated',
      codes('DC0_C0_H0_VM0', 'DC0_C0_H1', { tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), cpuUsage: 0.95 }) }),
      'warning:INSUFFICIENT_CPU',
    ],
    ['local disk, compute only', codes('DC0_C0_H0_VM2', 'DC0_C0_H1'), 'error:STORAGE_NOT_REACHABLE'],
    [
      'datastore of another host',
      codes('DC0_C0_H0_VM2', 'DC0_C0_H1', { type: 'both', ds: 'DC0_C0_H0_DS0' }),
      'error:DATASTORE_NOT_REACHABLE',
    ],
    [
      'datastore full',
      codes('DC0_C0_H0_VM2', 'DC0_C0_H1', {
        type: 'both',
        ds: 'DC0_C0_H1_DS0',
        tweak: (w) => w.datastores.set('DC0_C0_H1_DS0', { ...w.datastores.get('DC0_C0_H1_DS0')!, freeBytes: GiB }),
      }),
      'error:DATASTORE_FULL',
    ],
    ['same datastore', codes('DC0_C0_H0_VM0', 'DC0_C0_H0', { type: 'storage', ds: 'DC0_C0_DS0' }), 'error:SAME_DATASTORE'],
    ['port group missing', codes('DC0_C0_H0_VM1', 'DC0_C0_H3'), 'error:PORT_GROUP_MISSING'],
    [
      'another backend',
      codes('DC0_C0_H0_VM0', 'DC0_C0_H1', { tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), driverId: 'libvirt' }) }),
      'error:DIFFERENT_BACKEND',
    ],
    [
      'no address other hosts can dial (a local socket URI without a migration URI)',
      codes('DC0_C0_H0_VM0', 'DC0_C0_H1', {
        tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), incomingMigrationBlocker: 'reached by a local socket' }),
      }),
      'error:MIGRATION_URI_MISSING',
    ],
    [
      'powered off, no address other hosts can dial',
      codes('DC0_C0_H0_VM4', 'DC0_C0_H1', {
        tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), incomingMigrationBlocker: 'reached by a local socket' }),
      }),
      'error:MIGRATION_URI_MISSING',
    ],
    ['dirties faster than the link', codes('DC0_C0_H0_VM3', 'DC0_C0_H1'), 'warning:WILL_NOT_CONVERGE'],
  ];
  it.each(cases.map(([name, result, code]) => [name, result, code] as const))('%s → %s', async (_name, result, code) => {
    expect(await result).toContain(code);
  });

  it('leaves the CPU to the hypervisor where it judges (libvirt): its feature lists refuse nothing', async () => {
    // The libvirt bug: a TCG guest's qemu64 features (svm) "missing" on an identical Intel host.
    const judged = (w: World) => withCapabilities(w, { cpuFeaturesExact: false });
    expect(await codes('DC0_C0_H2_VM0', 'DC0_C0_H0', { tweak: judged })).not.toContain('error:CPU_FEATURES_MISSING');
    expect(await codes('DC0_C0_H0_VM0', 'DC0_C1_H0', { tweak: judged })).not.toContain('error:CPU_VENDOR_MISMATCH');
  });

  it('does not hold a powered-off guest to the CPU and memory it only meets at power-on', async () => {
    const intelToAmd = await codes('DC0_C0_H0_VM4', 'DC0_C1_H0');
    expect(intelToAmd).toContain('warning:VM_POWERED_OFF');
    expect(intelToAmd).not.toContain('error:CPU_VENDOR_MISMATCH');
    const full = await codes('DC0_C0_H0_VM4', 'DC0_C0_H1', {
      tweak: (w) => w.hosts.set('DC0_C0_H1', { ...w.host('DC0_C0_H1'), memoryUsedBytes: w.host('DC0_C0_H1').memoryBytes }),
    });
    expect(full).not.toContain('error:INSUFFICIENT_MEMORY');
    expect(await codes('DC0_C0_H0_VM0', 'DC0_C1_H0')).toContain('error:CPU_VENDOR_MISMATCH');
  });

  it('takes a passthrough guest only to a host that has its device, live or cold (review 4, R7)', async () => {
    // DC0_C0_H1_VM5 passes its host's GPU through; of the other hosts only DC0_C0_H3 has that GPU.
    const off = (w: World) => w.vms.set('DC0_C0_H1_VM5', { ...w.vm('DC0_C0_H1_VM5'), power: 'off' });
    expect(await codes('DC0_C0_H1_VM5', 'DC0_C0_H0', { tweak: off })).toContain('error:DEVICE_MISSING');
    expect(await codes('DC0_C0_H1_VM5', 'DC0_C0_H3', { tweak: off })).toEqual(['warning:VM_POWERED_OFF']);
    const live = await codes('DC0_C0_H1_VM5', 'DC0_C0_H0');
    expect(live).toEqual(expect.arrayContaining(['error:DEVICE_NOT_MIGRATABLE', 'error:DEVICE_MISSING']));
    expect(await codes('DC0_C0_H1_VM5', 'DC0_C0_H3')).not.toContain('error:DEVICE_MISSING');
    const world = await presetView('demo');
    off(world);
    const [missing] = precheck(world.view, {
      vm: world.vm('DC0_C0_H1_VM5'),
      dest: world.host('DC0_C0_H2'),
      type: 'compute',
      destDatastoreId: null,
      inbound: undefined,
      vmAlreadyMigrating: false,
    }).filter((r) => r.code === 'DEVICE_MISSING');
    expect(missing?.message).toBe('DC0_C0_H2 has no NVIDIA A100 (0000:3b:00.0), which DC0_C0_H1_VM5 passes through.');
  });

  it('passes a plain move within the cluster with nothing to report', async () => {
    expect(await codes('DC0_C0_H0_VM0', 'DC0_C0_H1')).toEqual([]);
  });

  it('counts memory already on its way to the destination', async () => {
    const world = await presetView('demo');
    const dest = world.host('DC0_C0_H0');
    const free = dest.memoryBytes - dest.memoryUsedBytes;
    const vm = world.vm('DC0_C0_H1_VM3');
    const run = (inbound: number) =>
      precheck(world.view, {
        vm,
        dest,
        type: 'compute',
        destDatastoreId: null,
        inbound: { memoryBytes: inbound, vcpus: 0, diskBytesByDatastore: new Map() },
        vmAlreadyMigrating: false,
      }).map((r) => r.code);
    expect(run(0)).not.toContain('INSUFFICIENT_MEMORY');
    expect(run(free - vm.memoryBytes)).toContain('INSUFFICIENT_MEMORY');
  });
});

describe('recommendations', () => {
  it('rates every host 1–5 with reasons, and blocked hosts 0 with the blocking reason', async () => {
    const world = await presetView('demo');
    const ratings = rankHosts(world.view, world.vm('DC0_C0_H0_VM0'), 'compute', new Map());
    expect(ratings).toHaveLength(7);
    const byHost = new Map(ratings.map((r) => [r.hostId, r]));
    expect(byHost.get('DC0_C0_H0')?.rating).toBe(0);
    for (const amd of ['DC0_C1_H0', 'DC0_C1_H1', 'DC0_C1_H2'])
      expect(byHost.get(amd)).toMatchObject({
        rating: 0,
        reasons: expect.arrayContaining([expect.stringContaining('runs on Intel CPUs and')]),
      });
    for (const ok of ['DC0_C0_H1', 'DC0_C0_H2', 'DC0_C0_H3']) {
      expect(byHost.get(ok)!.rating).toBeGreaterThanOrEqual(1);
      expect(byHost.get(ok)!.rating).toBeLessThanOrEqual(5);
      expect(byHost.get(ok)!.reasons.join(' ')).toMatch(/free after placement/);
    }
    // Sorted best first; the blocked ones last.
    expect(ratings.slice(0, 3).every((r) => r.rating > 0)).toBe(true);
  });

  it('keeps anti-affine VMs apart and puts affine ones together', async () => {
    const world = await presetView('demo');
    // DC0_C0_H0_VM0 has anti-affinity:web, as do VMs on H1 and H2 but none on H3.
    const web = rankHosts(world.view, world.vm('DC0_C0_H0_VM0'), 'compute', new Map());
    expect(web[0]?.hostId).toBe('DC0_C0_H3');
    expect(web.find((r) => r.hostId === 'DC0_C0_H1')?.reasons).toContain('runs a VM with the same anti-affinity tag');
    // DC0_C0_H3_VM0 has affinity:db, as does DC0_C0_H1_VM1.
    const db = rankHosts(world.view, world.vm('DC0_C0_H3_VM0'), 'compute', new Map());
    expect(db.find((r) => r.hostId === 'DC0_C0_H1')?.reasons).toContain('runs VMs this VM has affinity with');
    expect(db.find((r) => r.hostId === 'DC0_C0_H0')?.reasons).not.toContain('runs VMs this VM has affinity with');
  });

  it('prefers the less loaded host when all else is equal', async () => {
    const world = await presetView('demo');
    world.hosts.set('DC0_C0_H2', {
      ...world.host('DC0_C0_H2'),
      cpuUsage: 0.85,
      memoryUsedBytes: 0.8 * world.host('DC0_C0_H2').memoryBytes,
    });
    const ratings = rankHosts(world.view, world.vm('DC0_C0_H0_VM5'), 'compute', new Map());
    const score = (id: string) => ratings.find((r) => r.hostId === id)!.score;
    expect(score('DC0_C0_H3')).toBeGreaterThan(score('DC0_C0_H2'));
  });
});
