// The downtime a guest's users saw, observed from this console: while a live migration runs, a TCP
// connection attempt goes to the guest every PROBE_INTERVAL_MS, to a port nothing listens on, so the
// guest's kernel answers with a reset and no process in the guest wakes up. Any answer (accepted or
// refused) means the guest ran. The observed downtime is the LAST pause before the guest answers
// after the completion: the switchover is the migration's last pause (the lab showed libvirt's call
// returning seconds after a copy-storage guest resumed, so a window around the completion misses
// it), and stalls of a guest throttled by auto-converge come before it. A pause is a silence at
// least half as long as the one the hypervisor reports (so scheduling jitter after the switchover
// is not taken for it); its length is Ferry's own measurement. A guest that never answers (a
// firewall that drops, no route from here) is simply not observable: the move goes on without it.

import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

/** The resolution of an observed downtime. */
export const PROBE_INTERVAL_MS = 10;
/** The discard port: no modern guest listens on it, so its kernel answers with a reset. */
export const PROBE_PORT = 9;
const ATTEMPT_TIMEOUT_MS = 1000;
/** No answer this long after the start: the guest cannot be observed from here; stop knocking. */
const FIRST_ANSWER_WITHIN_MS = 3000;
/** After the hypervisor's completion, wait at most this long for the guest to answer again. */
const SETTLE_WITHIN_MS = 5000;

/** Resolves true when the guest's network stack answered (a connection or a refusal). */
export type Knock = (address: string, port: number, timeoutMs: number) => Promise<boolean>;

export const tcpKnock: Knock = (address, port, timeoutMs) =>
  new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const done = (answered: boolean, connected = false): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      // A reset, not a FIN: nothing lingers in TIME_WAIT on either side at 100 attempts a second.
      if (connected) socket.resetAndDestroy();
      else socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true, true));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });

/** Shorter silences are the knocking's own rhythm, never a pause of the guest. */
export const SIGNIFICANT_SILENCE_MS = 3 * PROBE_INTERVAL_MS;
/** Significant silences kept (a guest throttled for minutes stalls about once a second). */
const KEPT_SILENCES = 1000;

/** The silences between answers. */
export class Silences {
  private lastAnswer: number | null = null;
  private longestMs: number | null = null;
  private readonly significant: number[] = [];

  get answeredOnce(): boolean {
    return this.lastAnswer !== null;
  }

  /** An answer arrived at `at` (answers may arrive out of order: attempts overlap). */
  answered(at: number): void {
    if (this.lastAnswer !== null && at > this.lastAnswer) {
      const silence = at - this.lastAnswer;
      this.longestMs = Math.max(this.longestMs ?? 0, silence);
      if (silence >= SIGNIFICANT_SILENCE_MS && this.significant.push(silence) > KEPT_SILENCES) this.significant.shift();
    }
    this.lastAnswer = Math.max(this.lastAnswer ?? at, at);
  }

  answeredSince(at: number): boolean {
    return this.lastAnswer !== null && this.lastAnswer >= at;
  }

  /**
   * The switchover's silence: the last one at least half the pause the hypervisor reports (or
   * merely significant when it reports none), else the longest; null before two answers.
   */
  switchover(reportedMs: number | null = null): number | null {
    const atLeast = Math.max(SIGNIFICANT_SILENCE_MS, (reportedMs ?? 0) / 2);
    return this.significant.findLast((ms) => ms >= atLeast) ?? this.longestMs;
  }
}

export interface ObserverOptions {
  port?: number;
  knock?: Knock;
  firstAnswerWithinMs?: number;
  settleWithinMs?: number;
}

export class DowntimeObserver {
  private readonly silences = new Silences();
  private readonly startedAt = performance.now();
  private timer: ReturnType<typeof setInterval> | null;

  private constructor(
    private readonly address: string,
    private readonly o: Required<ObserverOptions>,
  ) {
    this.timer = setInterval(() => this.knockOnce(), PROBE_INTERVAL_MS);
  }

  static start(address: string, options: ObserverOptions = {}): DowntimeObserver {
    return new DowntimeObserver(address, {
      port: PROBE_PORT,
      knock: tcpKnock,
      firstAnswerWithinMs: FIRST_ANSWER_WITHIN_MS,
      settleWithinMs: SETTLE_WITHIN_MS,
      ...options,
    });
  }

  /**
   * The hypervisor reported the migration done: waits until the guest answers again (at most
   * SETTLE_WITHIN_MS), stops, and returns the switchover's silence in ms (`reportedDowntimeMs`, the
   * hypervisor's figure, only tells which silence it was); null when the guest could not be
   * observed from here or did not answer again.
   */
  async settle(reportedDowntimeMs: number | null = null): Promise<number | null> {
    const completedAt = performance.now();
    while (this.timer !== null && !this.silences.answeredSince(completedAt) && performance.now() - completedAt < this.o.settleWithinMs) {
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
    const answeredAgain = this.silences.answeredSince(completedAt);
    this.stop();
    if (!answeredAgain) return null;
    return Math.round(this.silences.switchover(reportedDowntimeMs) ?? PROBE_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private knockOnce(): void {
    void this.o.knock(this.address, this.o.port, ATTEMPT_TIMEOUT_MS).then((answered) => {
      if (this.timer === null) return;
      if (answered) this.silences.answered(performance.now());
      else if (!this.silences.answeredOnce && performance.now() - this.startedAt > this.o.firstAnswerWithinMs) this.stop();
    });
  }
}
