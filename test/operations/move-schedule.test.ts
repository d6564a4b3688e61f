import { describe, expect, it } from 'vitest';
import { caps } from '../../src/main/engine/planning/costs';
import type { EngineView } from '../../src/main/engine/planning/view';
import { bytesToMove, scheduleMoves, type Job } from '../../src/main/operations/move-schedule';
import type { PlannedMove } from '../../src/shared/model/operations';
import type { Host } from '../../src/shared/model/inventory';
import { presetView } from '../engine/fake-view';

/**
 * The schedule as it was first written: every waiting move looked at again after each completion.
 * scheduleMoves looks only at moves touching a freed host and must start exactly the same ones.
 */
function fullPassSchedule(view: EngineView, jobs: Job[]): PlannedMove[] {
  const linkCap = (h: Host): number => (h.migrationBandwidthBps >= 10e9 / 8 ? caps.networkFast : caps.networkSlow);
  const used = new Map<string, number>();
  const fits = (j: Job): boolean => {
    const s = view.host(j.vm.hostId) as Host;
    return (
      (used.get(`h:${s.id}`) ?? 0) < caps.host &&
      (used.get(`h:${j.dest.id}`) ?? 0) < caps.host &&
      (used.get(`n:${s.id}`) ?? 0) < linkCap(s) &&
      (used.get(`n:${j.dest.id}`) ?? 0) < linkCap(j.dest)
    );
  };
  const take = (j: Job, delta: number) => {
    for (const key of [`h:${j.vm.hostId}`, `h:${j.dest.id}`, `n:${j.vm.hostId}`, `n:${j.dest.id}`])
      used.set(key, (used.get(key) ?? 0) + delta);
  };
  const waiting = [...jobs];
  const running: Job[] = [];
  const done: PlannedMove[] = [];
  let now = 0;
  const admit = () => {
    for (let i = 0; i < waiting.length;) {
      const job = waiting[i] as Job;
      if (fits(job)) {
        take(job, 1);
        job.start = now;
        running.push(job);
        waiting.splice(i, 1);
      } else i += 1;
    }
  };
  admit();
  while (running.length > 0) {
    const users = new Map<string, number>();
    for (const j of running) for (const h of [j.vm.hostId, j.dest.id]) users.set(h, (users.get(h) ?? 0) + 1);
    const rate = (j: Job) =>
      Math.min(
        (view.host(j.vm.hostId)?.migrationBandwidthBps ?? 0) / (users.get(j.vm.hostId) ?? 1),
        j.dest.migrationBandwidthBps / (users.get(j.dest.id) ?? 1),
      );
    const next = Math.min(...running.map((j) => ((j.bytes - j.sent) / Math.max(1, rate(j))) * 1000));
    for (const j of running) j.sent += (rate(j) * next) / 1000;
    now += next;
    for (const j of running.filter((x) => x.bytes - x.sent <= 1)) {
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
          return { vm, dest, kind: 'live', destDatastoreId: null, bytes: bytesToMove(view, vm, dest, false), sent: 0, start: -1 };
        });
      const expected = fullPassSchedule(view, jobs());
      expect(expected.length).toBe(vms.length);
      expect(scheduleMoves(view, jobs())).toEqual(expected);
    }
  });
});
