// The simulated datacenter against the lab (`npm run lab` already up): lab-vm1 moved through
// Ferry's engine, idle and dirtying memory; then the same move on the simulator configured as the
// lab guest and link: its memory, the rate its dirtier rewrites (the page-sampled figure is printed
// beside it: that one is the predictions' concern, bench/lab-prediction.bench.ts), the link's
// bandwidth (what the move achieved), and its non-zero memory (what the idle moves sent, the
// dirtier's area written first). Each load's figures are the medians of three moves. The idle move calibrates what the simulator does not model
// (libvirt starting the destination and handing over: its time beside the copy and its pause beyond
// the last pass), so its rows match by construction; the moves under load then say whether the
// simulator's passes and switchover follow the lab's. Rows: sim ÷ lab and lab ÷ sim for duration and
// downtime per load, each at most 1.33 when the simulator is within 0.75–1.33 of the truth (issue 16,
// item 3). The guest's dirtier stops at 16 MiB/s (scripts/lab/guest-init.sh: faster starves a TCG
// guest), hence not 20. Without the lab (or root) it records nothing and says why in one line.

import { it } from 'vitest';
import { VirtualClock } from '../src/main/base/clock/virtual-clock';
import { buildPreset } from '../src/main/drivers/sim/presets';
import { achievedBandwidth, median } from '../src/main/engine/planning/link-speeds';
import type { Task } from '../src/shared/model/migration';
import { useServices } from '../test/helpers/services';
import { idOf, labDriver, runningOn, setDirtyRate, sleep } from '../test/lab/lab-env';
import { migrate, openServices, request, type LabServices } from '../test/lab/lab-services';
import { record, size } from './harness';
import { labGuestPair } from './lab/lab-gate';

const VM = 'lab-vm1';
/** The dirtier's working set inside the guest (scripts/lab/guest-init.sh). */
const MiB = 1024 ** 2;
const WORKING_SET_BYTES = 32 * MiB;
/** The moves of each load (idle, then each rate) whose medians are compared. */
const MOVES_PER_LOAD = 3;
const LOADS_MIB_PER_SECOND = [5, 10, 16];
const SETTLE_MS = 2000;

const start = useServices();
const note = (line: string): void => void process.stdout.write(`[bench lab-sim-fidelity] ${line}\n`);

/** What the lab measured of one move, and what it took. */
interface LabMove {
  memoryBytes: number;
  dirtyRateBps: number;
  linkBps: number;
  transferredBytes: number;
  durationMs: number;
  downtimeMs: number;
}

type Overheads = { fixedMs: number; switchoverMs: number };

/** What the idle lab move tells the simulator. */
interface Calibration {
  idleNonZeroFraction: number;
  overheads: Overheads;
}

/**
 * The idle move's share of non-zero memory, and what the lab spent beyond what the simulator itself
 * models: the same move simulated without overheads, its duration and downtime taken from the lab's.
 */
async function calibrate(idle: LabMove): Promise<Calibration> {
  const idleNonZeroFraction = Math.min(1, idle.transferredBytes / idle.memoryBytes);
  const bare = (await simulated(idle, idleNonZeroFraction, { fixedMs: 0, switchoverMs: 0 })).outcome;
  if (!bare) throw new Error('the simulated calibration move did not complete');
  return {
    idleNonZeroFraction,
    overheads: {
      fixedMs: Math.max(0, idle.durationMs - bare.durationMs),
      switchoverMs: Math.max(0, idle.downtimeMs - (bare.downtimeMs ?? 0)),
    },
  };
}

/** The same move on the simulator: tiny's VM0 made lab-vm1, its two hosts linked at the lab's speed. */
async function simulated(move: LabMove, nonZeroFraction: number, overheads: Overheads): Promise<Task> {
  const clock = new VirtualClock();
  const state = buildPreset('tiny', clock.now());
  for (const host of state.hosts) {
    host.migrationBandwidthBps = move.linkBps;
    host.migrationOverheads = overheads;
  }
  const vm = state.vms.find((v) => v.id === 'DC0_C0_H0_VM0');
  if (!vm) throw new Error('the tiny preset has no DC0_C0_H0_VM0');
  Object.assign(vm, {
    memoryBytes: move.memoryBytes,
    dirtyRateBps: move.dirtyRateBps,
    workingSetBytes: WORKING_SET_BYTES,
    nonZeroFraction,
  });
  // The whole state as configured (a saved datacenter keeps only what moves, not sizes or rates).
  const { services } = await start({ preset: 'tiny', clock, simStore: { load: () => state, save: () => undefined } });
  // The same request as the lab's moves (the lab's request builder), to tiny's other host.
  const [task] = services.engine.request(request({ vmIds: [vm.id], destHostId: 'DC0_C0_H1' }), { requestedBy: 'fidelity bench' });
  if (!task) throw new Error('no task');
  await clock.advanceUntil(() => services.board.get(task.id)?.phase === 'done', 3600_000, 100);
  return services.board.get(task.id) as Task;
}

/** Both ways round; a calibration row (1.00 by construction) is shown without a goal it could not miss. */
function recordBoth(label: string, what: string, sim: number, lab: number, detail: string, calibration: boolean): void {
  for (const [name, value] of [
    ['sim/lab', sim / lab],
    ['lab/sim', lab / sim],
  ] as const)
    record({
      name: `sim fidelity ${label}: ${what} ${name}`,
      value,
      unit: 'ratio',
      goal: calibration ? null : 1.33,
      better: 'lower',
      note: detail,
    });
}

/** A lab move and what the wizard's path measured of the guest's dirty rate just before. */
interface Measured {
  move: LabMove;
  measuredBps: number | null;
}

/** Each figure of a load's moves, its median. */
function medianMove(moves: readonly LabMove[]): LabMove {
  const mid = (pick: (m: LabMove) => number) => median(moves.map(pick)) ?? 0;
  return {
    memoryBytes: mid((m) => m.memoryBytes),
    dirtyRateBps: mid((m) => m.dirtyRateBps),
    linkBps: mid((m) => m.linkBps),
    transferredBytes: mid((m) => m.transferredBytes),
    durationMs: mid((m) => m.durationMs),
    downtimeMs: mid((m) => m.downtimeMs),
  };
}

it('lab: the simulator configured with the lab guest and link moves it as the lab does', async (ctx) => {
  const pair = await labGuestPair(() => ctx.skip(), note, VM);
  if (!pair) return;
  const { lab, guest, home, peer } = pair;
  let opened: LabServices | null = null;
  try {
    opened = await openServices(labDriver(lab));
    const services = opened.services;
    /** lab-vm1 moved to the other host, its dirtier at `rate` MiB/s. */
    const labMove = async (rate: number): Promise<Measured> => {
      await setDirtyRate(lab, guest, rate);
      await sleep(SETTLE_MS);
      const onHost = (await runningOn(lab, guest))?.name === home.name ? peer : home;
      const req = request({ vmIds: [guest.uuid], destHostId: idOf(onHost) });
      const [predicted] = await services.engine.predict(req);
      const { task } = await migrate(services, req);
      if (task.state !== 'completed' || !task.outcome)
        throw new Error(`the move to ${onHost.name} ended ${task.state}: ${JSON.stringify(task.error)}`);
      const linkBps = achievedBandwidth(task, services.board.timelineOf(task.id));
      if (!linkBps) throw new Error('the lab move reported no bandwidth');
      const move: LabMove = {
        memoryBytes: task.progress.memoryTotalBytes,
        dirtyRateBps: rate * MiB,
        linkBps,
        transferredBytes: task.outcome.transferredBytes,
        durationMs: task.outcome.durationMs,
        downtimeMs: task.outcome.downtimeMs ?? 0,
      };
      return { move, measuredBps: predicted?.prediction.basis?.dirtyRateBps ?? null };
    };
    /** The median of `size(MOVES_PER_LOAD, 1)` moves at `rate`: one move's pause varied 85–140 ms from run to run. */
    const movesAt = async (rate: number): Promise<Measured> => {
      const measured: Measured[] = [];
      for (let i = 0; i < size(MOVES_PER_LOAD, 1); i++) measured.push(await labMove(rate));
      const rates = measured.flatMap((m) => (m.measuredBps === null ? [] : [m.measuredBps]));
      return { move: medianMove(measured.map((m) => m.move)), measuredBps: rates.length ? median(rates) : null };
    };
    // The dirtier's area is zero pages until it first writes there, and stays written: filled before
    // the idle moves, the guest's memory holds the same for every move (38% non-zero unfilled, 54% filled).
    const loads = LOADS_MIB_PER_SECOND.slice(0, size(LOADS_MIB_PER_SECOND.length, 0));
    const fastest = Math.max(0, ...loads);
    if (fastest > 0) {
      await setDirtyRate(lab, guest, fastest);
      await sleep((WORKING_SET_BYTES / (fastest * MiB)) * 1000 + SETTLE_MS);
    }
    const idle = await movesAt(0);
    const calibration = await calibrate(idle.move);
    const runs: [string, Measured][] = [['idle (calibration)', idle]];
    for (const rate of loads) runs.push([`dirtying ${rate} MiB/s`, await movesAt(rate)]);
    for (const [label, { move, measuredBps }] of runs) {
      const nonZeroFraction = calibration.idleNonZeroFraction;
      const { overheads } = calibration;
      const sim = await simulated(move, nonZeroFraction, overheads);
      if (sim.state !== 'completed' || !sim.outcome) throw new Error(`the simulated move ended ${sim.state}`);
      const mib = (bytes: number) => (bytes / MiB).toFixed(0);
      const detail =
        `lab ${Math.round(move.durationMs)} ms, downtime ${Math.round(move.downtimeMs)} ms, ${mib(move.transferredBytes)} MiB sent; ` +
        `sim ${Math.round(sim.outcome.durationMs)} ms, downtime ${Math.round(sim.outcome.downtimeMs ?? 0)} ms, ${mib(sim.outcome.transferredBytes)} MiB sent; ` +
        `configured: ${mib(move.memoryBytes)} MiB memory (${Math.round(nonZeroFraction * 100)}% non-zero), dirty ${mib(move.dirtyRateBps)} MiB/s ` +
        `(${measuredBps === null ? 'not measured' : `${mib(measuredBps)} MiB/s measured`}), link ${mib(move.linkBps)} MiB/s achieved, ` +
        `overheads ${Math.round(overheads.fixedMs)} ms fixed and ${Math.round(overheads.switchoverMs)} ms at switchover`;
      note(`${label}: ${detail}; the median of ${size(MOVES_PER_LOAD, 1)} moves`);
      recordBoth(label, 'duration', sim.outcome.durationMs, move.durationMs, detail, move === idle.move);
      if (move.downtimeMs > 0 && (sim.outcome.downtimeMs ?? 0) > 0)
        recordBoth(label, 'downtime', sim.outcome.downtimeMs ?? 0, move.downtimeMs, detail, move === idle.move);
    }
  } finally {
    await setDirtyRate(lab, guest, 0).catch(() => undefined);
    await opened?.close();
  }
});
