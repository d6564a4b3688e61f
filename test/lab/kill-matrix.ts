import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConvergencePolicy, type MigrationOptions, type Phase, type Task } from '../../src/shared/model/migration';
import type { MigrationRequest } from '../../src/shared/model/schedule';
import { phaseAfterKill, type KillResult } from '../crash/kill-matrix';
import { JournalWatch } from '../crash/journal-watch';
import type { BridgeClient } from '../e2e/bridge-client';
import {
  guestNamed,
  hostNamed,
  idOf,
  probeUntil,
  restartLibvirtd,
  setDirtyRate,
  sleep,
  statesOf,
  virsh,
  type Lab,
  type LabGuest,
  type LabHost,
} from './lab-env';
import { removeStrayDisks } from './guest-crashes';
import type { LabConsole } from './lab-console';
import type { LatencyProxy } from './latency-proxy';

/**
 * The kill matrix on real libvirtd and QEMU: Ferry (the built browser console, a child process)
 * reaches each lab host through a relay that adds latency, so every step takes long enough to be
 * caught; it is killed with SIGKILL in one phase and started again on the same data folder. What
 * must hold afterwards is read from the hosts and from the guest itself, never from Ferry.
 */
export interface LabKillScenario {
  name: string;
  kind: 'compute' | 'shared-nothing' | 'storage-only' | 'post-copy';
  phase: Phase;
  guest: 'lab-vm1' | 'lab-vm2' | 'lab-vm3';
  to: 'ferry-lab-h1' | 'ferry-lab-h2' | 'ferry-lab-h3';
  type: MigrationRequest['type'];
  /** For disk moves: the target pool ('local' on the destination, or 'shared'). */
  pool?: 'local' | 'shared';
  options: MigrationOptions;
  /** The guest's memory rewriting, MiB/s, during the move (post-copy needs a guest that outruns its link). */
  dirtyMiBps?: number;
  /** Other moves (guests on shared storage, high priority) started first to fill a link, so this one waits. */
  blockers?: { guest: LabKillScenario['guest']; to: LabKillScenario['to'] }[];
  /** While Ferry is down: what else happens to the lab (a daemon restart...). */
  whileAway?: (lab: Lab) => Promise<void>;
  /** Instead of a kill: something happens to the hosts or the links while Ferry runs. */
  instead?: (lab: Lab, proxies: Map<string, LatencyProxy>) => Promise<void>;
  /**
   * When in a copying phase (storage, memory, switchover) the kill falls: at its entry, before the
   * hosts have a job, or midway (the default: the job must outlive Ferry).
   */
  at?: 'entry' | 'midway';
  /** The outcomes that keep the promise here (a split post-copy ends failed, touched by no one). */
  outcomes?: Task['state'][];
}

const MiB = 1024 ** 2;
export const labOptions = (bandwidthMiBps: number | null, postCopy = false): MigrationOptions => ({
  bandwidthLimitBps: bandwidthMiBps === null ? null : bandwidthMiBps * MiB,
  convergence: postCopy
    ? {
        maxDowntimeMs: 300,
        downtimeRampMaxMs: 300,
        autoConverge: false,
        allowPostCopy: true,
        completionTimeoutSecPerGiB: 3600,
        progressTimeoutSec: 120,
      }
    : { ...defaultConvergencePolicy, allowPostCopy: false, completionTimeoutSecPerGiB: 3600, progressTimeoutSec: 120 },
});

const requestFor = (lab: Lab, s: Pick<LabKillScenario, 'guest' | 'to' | 'type' | 'pool' | 'options'>, from: LabHost): MigrationRequest => {
  const to = hostNamed(lab, s.to);
  const pool = s.pool ?? 'local';
  return {
    vmIds: [guestNamed(lab, s.guest).uuid],
    destHostId: s.type === 'storage' ? null : idOf(to),
    type: s.type,
    destDatastoreId:
      s.type === 'compute'
        ? null
        : pool === 'shared'
          ? 'libvirt-pool:shared'
          : `libvirt-pool:${idOf(s.type === 'storage' ? from : to)}/local`,
    priority: 'default',
    options: s.options,
    acknowledgedWarnings: ['INSUFFICIENT_CPU', 'WILL_NOT_CONVERGE', 'WILL_TIME_OUT'],
  };
};

/**
 * Until the phase is under way on the hosts: its copy moved 2 MiB (storage, memory), or the guest
 * switched over (switchover: post-copy is pulling pages). Returns early if the phase ends first
 * (the kill then falls later, and the result says where).
 */
async function untilMidway(client: BridgeClient, taskId: string, phase: Phase): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const { task } = await client.invoke('tasks.detail', { taskId });
    if (task.phase !== phase) return;
    if (phase === 'switchover' && task.switchedOver && task.progress.postCopy) return;
    if (phase === 'storage' && task.progress.diskProcessedBytes >= 2 * MiB) return;
    if (phase === 'memory' && task.progress.memoryProcessedBytes >= 2 * MiB) return;
    await sleep(100);
  }
  throw new Error(`task ${taskId} never got under way in its ${phase} phase`);
}

async function finished(client: BridgeClient, taskId: string, limitMs: number): Promise<Task> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const { task } = await client.invoke('tasks.detail', { taskId });
    if (task.state !== 'queued' && task.state !== 'running') return task;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still ${task.state}/${task.phase}`);
    await sleep(250);
  }
}

/** Files of a guest's disk on every host and in the shared pool: exactly the one its domain uses may remain. */
function diskFiles(lab: Lab, guest: LabGuest): string[] {
  const base = guest.diskPath.split('/').pop() ?? '';
  const stem = base.replace(/\.qcow2$/, '');
  const dirs = [...lab.hosts.map((h) => h.localPoolDir), join(lab.labDir, 'shared-storage')];
  return dirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.startsWith(stem))
          .map((f) => join(dir, f))
      : [],
  );
}

/** What the hosts say after the scenario, with what the guest itself says. */
async function truthOf(lab: Lab, guest: LabGuest, boot: { bootId: string; uptimeMs: number }) {
  const states = await statesOf(lab, guest);
  const running = Object.entries(states)
    .filter(([, s]) => s === 'running')
    .map(([h]) => h);
  const answer = await probeUntil(lab, guest, 15_000).catch(() => null);
  const leaks: string[] = Object.entries(states)
    .filter(([, s]) => s !== 'running')
    .map(([h, s]) => `${guest.name} ${s} on ${h}`);
  const where = running[0];
  if (where) {
    const host = hostNamed(lab, where);
    const blockJob = await virsh(host, 'blockjob', guest.uuid, 'vda', '--info').catch(() => '');
    if (blockJob && !/No current block job/i.test(blockJob)) leaks.push(`block job on ${where}: ${blockJob}`);
    const used = (await virsh(host, 'domblklist', guest.uuid, '--details').catch(() => ''))
      .split('\n')
      .find((l) => /\bvda\b/.test(l))
      ?.trim()
      .split(/\s+/)
      .pop();
    for (const file of diskFiles(lab, guest)) {
      const seenFrom = file.startsWith(join(lab.labDir, 'shared-storage'))
        ? file
        : file.replace(host.localPoolDir, '/var/lib/libvirt/images');
      if (used && seenFrom !== used && !file.endsWith(used)) leaks.push(`disk file ${file}`);
    }
  }
  return {
    runsOn: running,
    leaks,
    lost: running.length !== 1 || !answer || answer.bootId !== boot.bootId || answer.uptimeMs <= boot.uptimeMs,
    doubled: running.length > 1,
  };
}

/** What the restarted console said it did with the task (its `migration.recovered` records). */
async function recoveryNotes(client: BridgeClient, taskId: string): Promise<string[]> {
  const page = await client.invoke('audit.query', {
    filter: { taskId, action: 'migration.recovered' },
    page: 0,
    pageSize: 20,
    sort: { field: 'id', direction: 'asc' },
  });
  return page.rows.map((r) => `recovered: ${r.details ?? ''}`);
}

/** One scenario end to end on the lab; the guest must be at home before. */
export async function runLabScenario(lab: Lab, console: LabConsole, s: LabKillScenario): Promise<KillResult> {
  const guest = guestNamed(lab, s.guest);
  const from = hostNamed(lab, guest.homeHost);
  const before = await probeUntil(lab, guest);
  if (s.dirtyMiBps) await setDirtyRate(lab, guest, s.dirtyMiBps);
  try {
    for (const b of s.blockers ?? []) {
      const other = guestNamed(lab, b.guest);
      // High priority takes half a link's places whatever its speed: 32 MiB/s outlasts the kill and restart.
      const blocker = requestFor(lab, { ...b, type: 'compute', options: labOptions(32) }, hostNamed(lab, other.homeHost));
      await console.bridge.invoke('migration.start', { ...blocker, priority: 'high' });
    }
    const request = requestFor(lab, s, from);
    const started = await console.bridge.invoke('migration.start', request).catch((error: unknown) => {
      // A refusal says which check refused, not only how many.
      const details = error instanceof Error && 'details' in error ? JSON.stringify((error as { details: unknown }).details) : '';
      throw new Error(`${s.name}: ${error instanceof Error ? error.message : String(error)} ${details}`, { cause: error });
    });
    const [taskId] = started.taskIds;
    if (!taskId) throw new Error('no task');
    let restartedAt: number | null = null;
    let killedIn: Phase | null = null;
    const watch = new JournalWatch(console.app.dataDir);
    try {
      if (s.phase === 'queued')
        for (let i = 0; (await console.bridge.invoke('tasks.detail', { taskId })).task.waitingFor === null; i++) {
          if (i > 200) throw new Error('the task never waited in the queue');
          await sleep(50);
        }
      else await watch.until(taskId, s.phase, 120_000);
    } finally {
      watch.close();
    }
    if (['storage', 'memory', 'switchover'].includes(s.phase) && (s.at ?? 'midway') === 'midway')
      await untilMidway(console.bridge, taskId, s.phase);
    if (s.instead) await s.instead(lab, console.proxies);
    else {
      await console.kill();
      killedIn = phaseAfterKill(console.app.dataDir, taskId);
      await s.whileAway?.(lab);
      restartedAt = Date.now();
      await console.start();
    }
    const task = await finished(console.bridge, taskId, 300_000);
    const recoveryMs = restartedAt === null ? 0 : Date.now() - restartedAt;
    if (s.dirtyMiBps) await setDirtyRate(lab, guest, 0).catch(() => undefined);
    const audit = await console.bridge.invoke('audit.query', {
      filter: { taskId, action: 'migration.finished' },
      page: 0,
      pageSize: 10,
      sort: { field: 'id', direction: 'asc' },
    });
    const truth = await truthOf(lab, guest, before);
    const wentThrough = task.state === 'completed' || task.state === 'completed_with_problems';
    const expectedHost = wentThrough && s.type !== 'storage' ? s.to : guest.homeHost;
    const result: KillResult = {
      name: s.name,
      outcome: task.state,
      lost: truth.lost,
      doubled: truth.doubled,
      leaks: truth.leaks,
      finishedRecords: audit.total,
      outcomeTrue: truth.runsOn.length === 1 && truth.runsOn[0] === expectedHost,
      retried: null,
      detail: [
        task.error ? `${task.error.code}: ${task.error.message}` : '',
        ...task.problems,
        ...(await recoveryNotes(console.bridge, taskId)),
      ]
        .filter(Boolean)
        .join(' | '),
      killedIn,
      recoveryMs,
      unhandled: console.app.stderr.split('\n').filter((l) => /unhandled|uncaught/i.test(l)),
    };
    // The same move again, or back when it went through; nothing left behind may stand in its way.
    const now = hostNamed(lab, truth.runsOn[0] ?? guest.homeHost);
    const again = wentThrough
      ? {
          ...s,
          to: guest.homeHost as LabKillScenario['to'],
          pool: s.type === 'storage' ? ('local' as const) : s.pool,
          options: labOptions(null),
        }
      : { ...s, options: labOptions(null) };
    const [retryId] = (await console.bridge.invoke('migration.start', requestFor(lab, again, now))).taskIds;
    result.retried = retryId ? (await finished(console.bridge, retryId, 300_000)).state : null;
    return result;
  } finally {
    if (s.dirtyMiBps) await setDirtyRate(lab, guest, 0).catch(() => undefined);
  }
}

/** Every lab guest back on its home host, on its home storage, through the console (between scenarios). */
export async function homeAll(lab: Lab, console: LabConsole): Promise<void> {
  // A guest still rewriting its memory (a scenario that failed half-way) would never converge.
  for (const guest of lab.guests) await setDirtyRate(lab, guest, 0).catch(() => undefined);
  // Whatever a scenario started (blockers, retries) ends first.
  for (let i = 0; ; i++) {
    const active = (await console.bridge.invoke('tasks.list', { limit: 500 })).filter((t) => t.state === 'queued' || t.state === 'running');
    if (active.length === 0) break;
    if (i > 1200) throw new Error(`tasks still active: ${active.map((t) => `${t.vmName} ${t.state}/${t.phase}`).join(', ')}`);
    await sleep(250);
  }
  for (const guest of lab.guests) {
    const states = await statesOf(lab, guest);
    const on = Object.entries(states).find(([, state]) => state === 'running')?.[0];
    if (!on) throw new Error(`${guest.name} runs nowhere: the lab needs attention`);
    const home = hostNamed(lab, guest.homeHost);
    // Even at home: a move that failed its verification leaves the source's disk, as Ferry's guidance says.
    if (guest.storage === 'local') await removeStrayDisks(lab, guest);
    const onShared = guest.storage === 'local' && (await virsh(hostNamed(lab, on), 'domblklist', guest.uuid)).includes('shared-storage');
    if (on === home.name && !onShared) continue;
    const scenario = { guest: guest.name as LabKillScenario['guest'], to: home.name as LabKillScenario['to'], options: labOptions(null) };
    const move =
      on === home.name
        ? requestFor(lab, { ...scenario, type: 'storage', pool: 'local' }, home)
        : requestFor(lab, { ...scenario, type: guest.storage === 'local' ? 'both' : 'compute', pool: 'local' }, hostNamed(lab, on));
    const [id] = (await console.bridge.invoke('migration.start', move)).taskIds;
    const task = id ? await finished(console.bridge, id, 300_000) : null;
    if (task?.state !== 'completed') throw new Error(`${guest.name} could not go home: ${task?.state} ${task?.error?.message ?? ''}`);
  }
}

const compute = (phase: Phase, more: Partial<LabKillScenario> = {}): LabKillScenario => ({
  name: `lab/compute/${phase}`,
  kind: 'compute',
  phase,
  guest: 'lab-vm1',
  to: 'ferry-lab-h2',
  type: 'compute',
  options: labOptions(8),
  ...more,
});
const sharedNothing = (phase: Phase, more: Partial<LabKillScenario> = {}): LabKillScenario => ({
  name: `lab/shared-nothing/${phase}`,
  kind: 'shared-nothing',
  phase,
  guest: 'lab-vm2',
  to: 'ferry-lab-h2',
  type: 'both',
  pool: 'local',
  options: labOptions(8),
  ...more,
});
/** lab-vm3 rewrites 16 MiB/s behind an 8 MiB/s link: pre-copy cannot converge, so post-copy takes over. */
const postCopy = (more: Partial<LabKillScenario> = {}): LabKillScenario => ({
  name: 'lab/post-copy/switchover',
  kind: 'post-copy',
  phase: 'switchover',
  guest: 'lab-vm3',
  to: 'ferry-lab-h1',
  type: 'compute',
  options: labOptions(8, true),
  dirtyMiBps: 16,
  ...more,
});

const unlimited = labOptions(null);

/** Every journaled phase once on real hosts, for each kind of move: what `npm test` runs. */
export const labScenarios: LabKillScenario[] = [
  sharedNothing('queued', {
    blockers: [
      { guest: 'lab-vm1', to: 'ferry-lab-h2' },
      { guest: 'lab-vm3', to: 'ferry-lab-h3' },
    ],
    options: unlimited,
  }),
  // Outside the copies the link's speed changes nothing but the time the test takes.
  compute('prepare', { options: unlimited }),
  compute('precheck', { options: unlimited }),
  sharedNothing('reserve', { options: unlimited }),
  sharedNothing('storage'),
  compute('memory'),
  postCopy(),
  compute('verify', { options: unlimited }),
  compute('commit', { options: unlimited }),
  {
    name: 'lab/storage-only/storage',
    kind: 'storage-only',
    phase: 'storage',
    guest: 'lab-vm2',
    to: 'ferry-lab-h1',
    type: 'storage',
    pool: 'shared',
    options: labOptions(4),
  },
];

/** What only real hosts do: their daemons restart while Ferry is away, Ferry's link to them drops. */
export const labSpecials: LabKillScenario[] = [
  compute('memory', {
    name: 'lab/compute/memory + source libvirtd restarted while Ferry is down',
    whileAway: (lab) => restartLibvirtd(lab, hostNamed(lab, 'ferry-lab-h1')),
  }),
  compute('memory', {
    name: 'lab/compute/memory + destination libvirtd restarted while Ferry is down',
    whileAway: (lab) => restartLibvirtd(lab, hostNamed(lab, 'ferry-lab-h2')),
  }),
  postCopy({
    name: "lab/post-copy/switchover + Ferry's connection to the source cut for 8 s",
    instead: async (_lab, proxies) => {
      const source = proxies.get('ferry-lab-h2') as LatencyProxy;
      source.refusing = true;
      source.cut();
      await sleep(8000);
      source.refusing = false;
    },
  }),
];

/** The full matrix (`npm run bench -- --lab-kill`): every phase of every kind, and the specials, twice. */
export const labFullMatrix: LabKillScenario[] = [1, 2].flatMap((round) =>
  [
    // A pre-copy switchover lasts a moment: the kill falls at its entry.
    ...(['prepare', 'precheck', 'memory', 'switchover', 'verify', 'commit'] as Phase[]).map((phase) =>
      compute(phase, phase === 'switchover' ? { at: 'entry' } : {}),
    ),
    ...(['prepare', 'precheck', 'reserve', 'storage', 'memory', 'switchover', 'verify', 'commit'] as Phase[]).map((phase) =>
      sharedNothing(phase, phase === 'switchover' ? { at: 'entry' } : {}),
    ),
    // A kill at the very entry of a copy, before the hosts have a job: nothing to re-attach to.
    compute('memory', { name: 'lab/compute/memory at entry', at: 'entry' }),
    sharedNothing('storage', { name: 'lab/shared-nothing/storage at entry', at: 'entry' }),
    ...labScenarios.filter((s) => s.phase === 'queued' || s.kind === 'storage-only' || s.kind === 'post-copy'),
    ...labSpecials,
  ].map((s) => ({ ...s, name: `${s.name} #${round}` })),
);
