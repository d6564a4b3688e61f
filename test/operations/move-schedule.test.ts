import { describe, expect, it } from 'vitest';
import { migrationCosts } from '../../src/main/engine/planning/costs';
import { newTask } from '../../src/main/engine/run/task-factory';
import type { EngineView } from '../../src/main/engine/planning/view';
import { evacuationRequest } from '../../src/main/operations/maintenance-request';
import { MoveCopy } from '../../src/main/operations/move-copy';
import { bytesToMove, scheduleMoves, type Job } from '../../src/main/operations/move-schedule';
import type { PlannedMove } from '../../src/shared/model/operations';
import type { Host, Vm } from '../../src/shared/model/inventory';
import { presetView } from '../engine/fake-view';

/**
 * The schedule as it was first written: every waiting move looked at again after each completion.
 * scheduleMoves looks only at moves sharing a freed resource and must start exactly the same ones.
 */
function fullPassSchedule(view: EngineView, jobs: Job[]): PlannedMove[] {
  // What the engine charges the task maintenance requests for each move.
  const costs = new Map(
    jobs.map((j) => {
      const request = evacuationRequest({
        vmId: j.vm.id,
        destHostId: j.dest.id,
        missionCritical: j.vm.missionCritical,
        destDatastoreId: j.destDatastoreId,
      });
      return [j, migrationCosts(newTask(request, j.vm, null, { requestedBy: 'test' }, ''), view)];
    }),
  );
  const used = new Map<string, number>();
  const fits = (j: Job): boolean => (costs.get(j) ?? []).every((c) => (used.get(c.resource) ?? 0) + c.amount <= c.cap);
  /** Running moves through each host. */
  const users = new Map<string, number>();
  const take = (j: Job, delta: number) => {
    for (const c of costs.get(j) ?? []) used.set(c.resource, (used.get(c.resource) ?? 0) + delta * c.amount);
    for (const h of [j.vm.hostId, j.dest.id]) users.set(h, (users.get(h) ?? 0) + delta);
  };
  const waiting = [...jobs];
  const running: Job[] = [];
  const copies = new Map<Job, MoveCopy>();
  const done: PlannedMove[] = [];
  let now = 0;
  // Each running move gets an even share of each host's link it uses.
  const rate = (j: Job) =>
    Math.min(
      (view.host(j.vm.hostId)?.migrationBandwidthBps ?? 0) / (users.get(j.vm.hostId) || 1),
      j.dest.migrationBandwidthBps / (users.get(j.dest.id) || 1),
    );
  const admit = () => {
    for (let i = 0; i < waiting.length;) {
      const job = waiting[i] as Job;
      if (fits(job)) {
        take(job, 1);
        running.push(job);
        copies.set(job, new MoveCopy(job.vm, 0));
        job.start = now;
        waiting.splice(i, 1);
      } else i += 1;
    }
  };
  admit();
  while (running.length > 0) {
    const rates = new Map(running.map((j) => [j, rate(j)]));
    const next = Math.min(...running.map((j) => copies.get(j)!.msToStepEnd(rates.get(j)!)));
    for (const j of running) copies.get(j)!.advance(rates.get(j)!, next);
    now += next;
    for (const j of running.filter((x) => copies.get(x)!.bytesLeft <= 1 && copies.get(x)!.endStep(rates.get(x)!))) {
      running.splice(running.indexOf(j), 1);
      take(j, -1);
      done.push({
        vmId: j.vm.id,
        vmName: j.vm.name,
        destHostId: j.dest.id,
        destHostName: j.dest.name,
        missionCritical: j.vm.missionCritical,
        kind: j.kind,
        destDatastoreId: j.destDatastoreId,
        destDatastoreName: j.destDatastoreId ? (view.datastore(j.destDatastoreId)?.name ?? j.destDatastoreId) : null,
        startMs: j.start,
        endMs: now,
      });
    }
    admit();
  }
  const rank = new Map(jobs.map((j, i) => [j.vm.id, i]));
  return done.sort((a, b) => a.startMs - b.startMs || (rank.get(a.vmId) ?? 0) - (rank.get(b.vmId) ?? 0));
}

describe('move schedule', () => {
  it('starts exactly the moves a full pass over the waiting ones would, at the same times', async () => {
    const { view } = await presetView('large');
    const hosts = view.allHosts();
    // Moves from many sources onto a few crowded destinations, across links of different speeds and caps.
    for (const [sources, dests, seed] of [
      [40, 6, 1],
      [120, 30, 7],
      [10, 2, 3],
    ] as const) {
      const from = hosts.slice(0, sources);
      const to = hosts.slice(sources, sources + dests);
      const vms = view.allVms().filter((v) => from.some((h) => h.id === v.hostId) && v.power === 'running');
      const jobs = (): Job[] =>
        vms.map((vm, i) => {
          const dest = to[(i * seed) % to.length] as Host;
          return { vm, dest, kind: 'live', destDatastoreId: null, bytes: bytesToMove(view, vm, dest, false), start: -1 };
        });
      const expected = fullPassSchedule(view, jobs());
      expect(expected.length).toBe(vms.length);
      // The schedule brings each copy up to date only when its share changes: times agree to rounding.
      const rounded = (moves: PlannedMove[]) => moves.map((m) => ({ ...m, startMs: Math.round(m.startMs), endMs: Math.round(m.endMs) }));
      expect(rounded(scheduleMoves(view, jobs()))).toEqual(rounded(expected));
    }
  });

  it('ends, far into a long plan on a fast link, and with a link of no speed at all (review: both spun forever)', async () => {
    const world = await presetView('large');
    const speed = (id: string, bytesPerSecond: number) => world.hosts.set(id, { ...world.host(id), migrationBandwidthBps: bytesPerSecond });
    // Eight moves onto two 1 kB/s hosts (four each, their links' cap) hold the source's eight places for years of plan time; the
    // next eight then copy at 10^11 B/s, where a float millisecond that late is many bytes.
    speed('DC0_C0_H0', 1e12);
    speed('DC0_C0_H1', 1_000);
    speed('DC0_C0_H2', 1e12);
    speed('DC0_C0_H3', 0);
    speed('DC0_C0_H4', 1_000);
    const vms = world.view.allVms().filter((v) => v.hostId === 'DC0_C0_H0' && v.power === 'running');
    const job = (vm: Vm, dest: string): Job => ({ vm, dest: world.host(dest), kind: 'live', destDatastoreId: null, bytes: 0, start: -1 });
    const jobs = vms.map((vm, i) => job(vm, i < 4 ? 'DC0_C0_H1' : i < 8 ? 'DC0_C0_H4' : i < 16 ? 'DC0_C0_H2' : 'DC0_C0_H3'));
    const moves = scheduleMoves(world.view, jobs);
    expect(moves).toHaveLength(jobs.length);
    const fast = moves.filter((m) => m.destHostId === 'DC0_C0_H2');
    expect(Math.min(...fast.map((m) => m.startMs))).toBeGreaterThan(1e9);
    for (const m of moves) expect(Number.isFinite(m.endMs)).toBe(true);
  });

  it('plans a move sharing its link to carry what a copy at that share carries: the guest dirties more meanwhile', async () => {
    const { view } = await presetView('large');
    // Eight copies of one busy guest leave a 10 Gb/s host at once: each gets an eighth of its link.
    const vm = view.allVms().find((v) => v.hostId === 'DC0_C0_H1' && v.memoryBytes === 8 * 1024 ** 3 && v.dirtyRateBps > 100 * 1024 ** 2);
    if (!vm) throw new Error('no busy 8 GiB guest on DC0_C0_H1');
    const dests = ['H2', 'H3', 'H4', 'H6', 'H7', 'H8', 'H9', 'H11'].map((h) => view.host(`DC0_C0_${h}`) as Host);
    const jobs: Job[] = dests.map((dest) => ({
      vm,
      dest,
      kind: 'live',
      destDatastoreId: null,
      bytes: bytesToMove(view, vm, dest, false),
      start: -1,
    }));
    const share = (view.host('DC0_C0_H1') as Host).migrationBandwidthBps / 8;
    const carried = bytesToMove(view, vm, dests[0] as Host, false, share);
    expect(carried).toBeGreaterThan(jobs[0]?.bytes as number);
    for (const move of scheduleMoves(view, jobs)) expect(move.endMs).toBeCloseTo((carried / share) * 1000, 0);
  });
});
