// The downtime a peer sees: ICMP echo to the guest every few milliseconds (icmp-prober.mjs, its own
// process), and the longest gap between two successful replies around a migration.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Reply {
  /** Arrival, epoch ms (performance.timeOrigin + performance.now() in the prober process). */
  atMs: number;
  seq: number;
  rttMs: number;
}

export interface Gap {
  /** The longest time between two successful replies that overlaps the window; null without replies on both sides. */
  longestMs: number | null;
  /** Echo requests lost inside that longest gap (by sequence number). */
  lost: number;
  /** Round-trip time of the reply that ended the longest gap: near the gap when requests waited for the guest rather than being lost. */
  endRttMs: number | null;
  replies: number;
}

const script = fileURLToPath(new URL('./icmp-prober.mjs', import.meta.url));
export const nowMs = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The prober and its ping run SCHED_FIFO (chrt, util-linux) when allowed: on a 2-core machine busy
 * with TCG guests and a migration, a normally scheduled prober was seen stalling for ~200 ms, which
 * reads as downtime. It sleeps between packets, so it costs the migration next to nothing.
 */
let realtime: boolean | null = null;
function realtimeAllowed(): boolean {
  if (realtime === null) {
    try {
      execFileSync('chrt', ['-f', '10', 'true'], { stdio: 'ignore' });
      realtime = true;
    } catch {
      realtime = false;
    }
  }
  return realtime;
}

export class Prober {
  private readonly replies: Reply[] = [];
  private readonly child: ChildProcess;
  private pingPid: number | null = null;
  private stderr = '';
  private exited = false;

  constructor(
    readonly ip: string,
    readonly intervalMs: number,
  ) {
    const command = [process.execPath, script, ip, String(intervalMs)];
    // chrt execs the command, so the PID is the prober's own (busybox ping inherits the policy).
    const [file, ...args] = realtimeAllowed() ? ['chrt', '-f', '10', ...command] : command;
    this.child = spawn(file as string, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let pending = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, a, b, c] = line.split(' ');
        if (kind === 'P') this.pingPid = Number(a);
        else if (kind === 'R') this.replies.push({ atMs: Number(a), seq: Number(b), rttMs: Number(c) });
      }
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on('exit', () => (this.exited = true));
  }

  /** Resolves once a reply arrived after `afterMs` (epoch ms); false after `limitMs`. */
  async replyAfter(afterMs: number, limitMs: number): Promise<boolean> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      if (this.replies.some((r) => r.atMs > afterMs)) return true;
      if (this.exited) throw new Error(`the ICMP prober stopped: ${this.stderr.trim() || 'no output'}`);
      if (Date.now() > deadline) return false;
      await sleep(5);
    }
  }

  /** Stops the prober (its ping by PID, then the prober itself by PID) and returns every reply. */
  async stop(): Promise<Reply[]> {
    if (!this.exited && this.child.pid !== undefined) {
      const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => {
        // The prober did not stop its ping in time: end both by their own PIDs.
        if (this.pingPid !== null) killQuietly(this.pingPid);
        this.child.kill('SIGKILL');
      }, 3000);
      await gone;
      clearTimeout(timer);
    }
    this.child.stdin?.destroy();
    return [...this.replies].sort((a, b) => a.atMs - b.atMs);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The longest gap between consecutive replies that overlaps [fromMs, toMs]. */
export function longestGap(replies: readonly Reply[], fromMs: number, toMs: number): Gap {
  let longestMs: number | null = null;
  let lost = 0;
  let endRttMs: number | null = null;
  for (let i = 1; i < replies.length; i++) {
    const a = replies[i - 1] as Reply;
    const b = replies[i] as Reply;
    if (b.atMs <= fromMs || a.atMs >= toMs) continue;
    const gap = b.atMs - a.atMs;
    if (longestMs === null || gap > longestMs) {
      longestMs = gap;
      lost = Math.max(0, ((b.seq - a.seq + 65536) % 65536) - 1);
      endRttMs = b.rttMs;
    }
  }
  const inside = replies.filter((r) => r.atMs >= fromMs && r.atMs <= toMs).length;
  return { longestMs, lost, endRttMs, replies: inside };
}
