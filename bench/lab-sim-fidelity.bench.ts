// The simulated datacenter against the lab (`npm run lab` already up): lab-vm1 moved through
// Ferry's engine, idle and dirtying memory; then the same move on the simulator configured with
// what the lab measured: the guest's memory, its dirty rate (page-sampled by the wizard's path), the
// link's bandwidth (what the move achieved), and from the idle move (the calibration: its rows match
// by construction) the share of its memory that is not zero pages and the move's overheads as the
// engine learns them (the destination starting and the hand-over; the pause beyond the last pass).
// The moves under load then say whether the simulator's passes and switchover follow the lab's. Rows: sim ÷ lab and lab ÷ sim for duration and downtime per load, each
// at most 1.33 when the simulator is within 0.75–1.33 of the truth (issue 16, item 3). The guest's
// dirtier stops at 16 MiB/s (scripts/lab/guest-init.sh: faster starves a TCG guest), hence not 20.
// Without the lab (or root) it records nothing and says why in one line.

import { it } from 'vitest';
import { VirtualClock } from '../src/main/base/clock/virtual-clock';
import { buildPreset } from '../src/main/drivers/sim/presets';
import { achievedBandwidth, achievedOverheads } from '../src/main/engine/planning/link-speeds';
import type { Task } from '../src/shared/model/migration';
import { useServices } from '../test/helpers/services';
import { idOf, labDriver, runningOn, setDirtyRate, sleep } from '../test/lab/lab-env';
import { migrate, openServices, request, type LabServices } from '../test/lab/lab-services';
import { record, size } from './harness';
import { labGuestPair } from './lab/lab-gate';

const VM = 'lab-vm1';
/** The dirtier's working set inside the guest (scripts/lab/guest-init.sh). */
const WORKING_SET_BYTES = 32 * 1024 ** 2;
const RATES_MIB_PER_SECOND = [0, 5, 10, 16];
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

/** What the idle lab move tells the simulator. */
interface Calibration {
  nonZeroFraction: number;
  overheads: { fixedMs: number; switchoverMs: number };
}

/** The same move on the simulator: tiny's VM0 made lab-vm1, its two hosts linked at the lab's speed. */
async function simulated(move: LabMove, calibration: Calibration): Promise<Task> {
  const clock = new VirtualClock();
  const state = buildPreset('tiny', clock.now());
  for (const host of state.hosts) {
    host.migrationBandwidthBps = move.linkBps;
    host.migrationOverheads = calibration.overheads;
  }
  const vm = state.vms.find((v) => v.id === 'DC0_C0_H0_VM0');
  if (!vm) throw new Error('the tiny preset has no DC0_C0_H0_VM0');
  Object.assign(vm, {
    memoryBytes: move.memoryBytes,
    dirtyRateBps: move.dirtyRateBps,
    workingSetBytes: WORKING_SET_BYTES,
    nonZeroFraction: calibration.nonZeroFraction,
  });
  // The whole state as configured (a saved datacenter keeps only what moves, not sizes or rates).
  const { services } = await start({ preset: 'tiny', clock, simStore: { load: () => state, save: () => undefined } });
  // The same request as the lab's moves (the lab's request builder), to tiny's other host.
  const [task] = services.engine.request(request({ vmIds: [vm.id], destHostId: 'DC0_C0_H1' }), { requestedBy: 'fidelity bench' });
  if (!task) throw new Error('no task');
  await clock.advanceUntil(() => services.board.get(task.id)?.phase === 'done', 3600_000, 100);
  return services.board.get(task.id) as Task;
}

function recordBoth(label: string, what: string, sim: number, lab: number, detail: string): void {
  for (const [name, value] of [
    ['sim/lab', sim / lab],
    ['lab/sim', lab / sim],
  ] as const)
    record({ name: `sim fidelity ${label}: ${what} ${name}`, value, unit: 'ratio', goal: 1.33, better: 'lower', note: detail });
}

it('lab: the simulator configured with the lab guest and link moves it as the lab does', async (ctx) => {
  const pair = await labGuestPair(() => ctx.skip(), note, VM);
  if (!pair) return;
  const { lab, guest, home, peer } = pair;
  let opened: LabServices | null = null;
  let calibration: Calibration | null = null;
  try {
    opened = await openServices(labDriver(lab));
    const services = opened.services;
    // Idle first: its move tells the share of memory that is not zero pages.
    for (const rate of RATES_MIB_PER_SECOND.slice(0, size(RATES_MIB_PER_SECOND.length, 1))) {
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
        dirtyRateBps: predicted?.prediction.basis?.dirtyRateBps ?? rate * 1024 ** 2,
        linkBps,
        transferredBytes: task.outcome.transferredBytes,
        durationMs: task.outcome.durationMs,
        downtimeMs: task.outcome.downtimeMs ?? 0,
      };
      if (!calibration) {
        const { fixedMs, switchoverMs } = achievedOverheads(task, linkBps);
        calibration = {
          nonZeroFraction: Math.min(1, move.transferredBytes / move.memoryBytes),
          overheads: { fixedMs: fixedMs ?? 0, switchoverMs: switchoverMs ?? 0 },
        };
      }
      const sim = await simulated(move, calibration);
      const { nonZeroFraction, overheads } = calibration;
      if (sim.state !== 'completed' || !sim.outcome) throw new Error(`the simulated move ended ${sim.state}`);
      const label = rate === 0 ? 'idle (calibration)' : `dirtying ${rate} MiB/s`;
      const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);
      const detail =
        `lab ${Math.round(move.durationMs)} ms, downtime ${Math.round(move.downtimeMs)} ms, ${mib(move.transferredBytes)} MiB sent; ` +
        `sim ${Math.round(sim.outcome.durationMs)} ms, downtime ${Math.round(sim.outcome.downtimeMs ?? 0)} ms, ${mib(sim.outcome.transferredBytes)} MiB sent; ` +
        `configured: ${mib(move.memoryBytes)} MiB memory (${Math.round(nonZeroFraction * 100)}% non-zero), dirty ${mib(move.dirtyRateBps)} MiB/s measured, link ${mib(linkBps)} MiB/s achieved, ` +
        `overheads ${Math.round(overheads.fixedMs)} ms fixed and ${Math.round(overheads.switchoverMs)} ms at switchover`;
      note(`${label}: ${detail}`);
      recordBoth(label, 'duration', sim.outcome.durationMs, move.durationMs, detail);
      if (move.downtimeMs > 0 && (sim.outcome.downtimeMs ?? 0) > 0)
        recordBoth(label, 'downtime', sim.outcome.downtimeMs ?? 0, move.downtimeMs, detail);
    }
  } finally {
    await setDirtyRate(lab, guest, 0).catch(() => undefined);
    await opened?.close();
  }
});
