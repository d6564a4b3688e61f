// Verifying while the hypervisor finishes: the guest's word on the destination is asked as soon
// as libvirt reports the guest resumed there, while the source still confirms and tears down its
// side. The question waits until the guest answers the downtime observer's knock again, so it is
// not sent before the network learnt the guest's new place (a lost SYN costs a second).

import { performance } from 'node:perf_hooks';
import type { ProbeResult } from '../../driver';
import type { DowntimeObserver } from './downtime-observer';

/** The early word serves the verification this long after it was given; later the guest is asked again. */
const FRESH_MS = 10_000;
/** How long after the resume the guest's first answer to the knock is waited for. */
const ANSWER_WITHIN_MS = 3000;

export class EarlyProbe {
  private asked: { answer: Promise<ProbeResult | null>; at: number | null } | null = null;
  private used = false;

  constructor(
    private readonly observer: Pick<DowntimeObserver, 'answersSince'>,
    private readonly ask: () => Promise<ProbeResult>,
  ) {}

  /** The destination resumed the guest: asks it once, in the background. */
  start(): void {
    if (this.asked || this.used) return;
    const resumedAt = performance.now();
    const asked: NonNullable<EarlyProbe['asked']> = { answer: Promise.resolve(null), at: null };
    asked.answer = this.observer
      .answersSince(resumedAt, ANSWER_WITHIN_MS)
      .then((answers) => (answers ? this.ask() : null))
      .then(
        (answer) => {
          asked.at = Date.now();
          return answer;
        },
        () => null,
      );
    this.asked = asked;
  }

  /**
   * The early word, once, while fresh; null when there is none (the caller then asks the guest
   * itself). A word that is not "alive" is never reused: the guest may just not have answered yet.
   */
  async take(): Promise<ProbeResult | null> {
    const asked = this.asked;
    const used = this.used;
    this.used = true;
    if (!asked || used) return null;
    const answer = await asked.answer;
    const fresh = asked.at !== null && Date.now() - asked.at < FRESH_MS;
    return fresh && answer?.alive ? answer : null;
  }
}
