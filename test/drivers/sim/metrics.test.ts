import { describe, expect, it } from 'vitest';
import { allHostMetrics, vmCpuUsage } from '../../../src/main/drivers/sim/metrics';
import { buildPreset } from '../../../src/main/drivers/sim/presets';

const GiB = 1024 ** 3;

describe('the simulated hosts’ metrics', () => {
  it('sum each host’s running guests, guests paused on it and reservations; `only` limits the hosts', () => {
    const state = buildPreset('demo', 0);
    const first = state.hosts[0]!;
    const second = state.hosts[1]!;
    const offVm = state.vms.find((v) => v.hostId === first.id)!;
    offVm.power = 'off';
    const visitor = state.vms.find((v) => v.hostId === second.id && v.power !== 'off')!;
    visitor.pausedOn = [{ hostId: first.id, copy: visitor.pausedOn[0]?.copy ?? ({} as never) }];
    const reservations = [{ jobId: 'j1', hostId: first.id, memoryBytes: 3 * GiB, datastoreId: null, diskBytes: 0 }];
    const now = 1_234_567;

    const metrics = allHostMetrics(state.hosts, state.vms, reservations, new Map([[first.id, 2]]), now);
    expect(metrics.map((m) => m.hostId)).toEqual(state.hosts.map((h) => h.id));
    const running = state.vms.filter((v) => v.hostId === first.id && v.power !== 'off');
    const expectedMemory = 4 * GiB + running.reduce((sum, v) => sum + v.memoryBytes, 0) + visitor.memoryBytes + 3 * GiB;
    expect(metrics[0]!.memoryUsedBytes).toBe(Math.min(first.memoryBytes, expectedMemory));
    const guestCores = running.reduce((sum, v) => sum + vmCpuUsage(v, now) * v.vcpus, 0);
    // The guests and two migrations on top of the host’s own overhead (0 to 5 % of its cores).
    const cores = metrics[0]!.cpuUsage * first.cpu.cores;
    expect(cores - guestCores - 2).toBeGreaterThanOrEqual(-1e-9);
    expect(cores - guestCores - 2).toBeLessThan(0.05 * first.cpu.cores);

    const onlySecond = allHostMetrics(state.hosts, state.vms, reservations, new Map(), now, new Set([second.id]));
    expect(onlySecond).toEqual([metrics[1]]);

    second.health = 'failed';
    const failed = allHostMetrics(state.hosts, state.vms, reservations, new Map(), now, new Set([second.id]));
    expect(failed[0]).toMatchObject({ cpuUsage: 0, memoryUsedBytes: 0, health: 'failed' });
  });
});
