/**
 * One ETA for a whole migration: it starts as the prediction and is corrected by what the copy
 * measures (bytes left over a smoothed rate, blended with the prediction as the copy advances), then
 * held near the previous estimate counted down: per sample at most a bounded step below that
 * countdown or above the previous estimate. A pre-copy pass boundary (remaining memory jumps back
 * up) therefore nudges the ETA instead of resetting it.
 */

import type { Prediction } from '../../../shared/model/migration';

/** What one poll of the job tells the estimate. */
export interface EtaSample {
  /** Ferry's clock at the poll. */
  atMs: number;
  /** Since the migration started running. */
  elapsedMs: number;
  memoryTotalBytes: number;
  memoryProcessedBytes: number;
  memoryRemainingBytes: number;
  diskProcessedBytes: number;
  diskRemainingBytes: number;
  bandwidthBps: number;
  dirtyRateBps: number;
  /** The guest runs on the destination, which pulls the pages left: nothing is sent twice any more. */
  postCopy?: boolean;
  /** Other copies running over the same host's link now, as their own progress last said. */
  linkPeers?: readonly LinkPeer[];
}

/** A copy sharing this one's link: what it has left to send and the rate it gets now. */
export interface LinkPeer {
  leftBytes: number;
  rateBps: number;
  /** Queued, not started: it takes the place of a running peer that ends (listed in the order they start). */
  waiting?: boolean;
}

/** The estimate carried from one sample to the next. */
export interface EtaEstimate {
  etaMs: number;
  atMs: number;
  /** The transfer rate the estimate used: this copy's share of its link's smoothed rate. */
  rateBps: number;
  /**
   * What the copy's link carries in all (this copy and its running peers), smoothed. A peer that ends
   * hands its share to this copy at once: its own rate smoothed alone lagged, and the ETA rose each time
   * a sibling ended (new-user review 12, 9). Absent in a seed (an earlier phase, a restart).
   */
  linkBps?: number;
  /** The copy ran past its passes' series: its policy ends it, for the rest of the copy (a dirty rate wobbling about that point flipped it). */
  policyEnds?: boolean;
}

/** How far an estimate may move per sample, beyond counting down: a fraction of the previous one (or of the floor). */
export const maxEtaStep = 0.05;
/** Below this, estimates may move freely within the step: a few seconds either way is no jump. */
const stepFloorMs = 5_000;
/** Weight of a new rate sample in the smoothed rate. */
const rateSmoothing = 0.05;
/** Dirty rate over bandwidth is capped here, so a struggling copy gets a long but finite projection (policy steps in). */
const maxDirtyShare = 0.8;

/**
 * The next estimate from the previous one (null at the first sample), a sample and the predicted
 * duration of the whole migration (null when none was made or it predicted no convergence).
 * Returns null only while there is nothing to estimate from.
 */
export function nextEta(
  prev: EtaEstimate | null,
  s: EtaSample,
  predictedDurationMs: number | null,
  predictedStrategy?: Prediction['strategy'],
): EtaEstimate | null {
  const peersBps = runningPeers(s.linkPeers ?? []).reduce((sum, p) => sum + p.rateBps, 0);
  const before = prev?.linkBps ?? (prev && prev.rateBps > 0 ? prev.rateBps + peersBps : 0);
  const linkBps =
    s.bandwidthBps > 0 ? (before > 0 ? before + rateSmoothing * (s.bandwidthBps + peersBps - before) : s.bandwidthBps + peersBps) : before;
  // This copy's share: what the link carries less what its peers report now (no less than it measured itself).
  const share = linkBps - peersBps;
  const rateBps =
    share > 0 ? Math.max(share, Math.min(s.bandwidthBps, linkBps)) : s.bandwidthBps > 0 ? s.bandwidthBps : (prev?.rateBps ?? 0);
  const measured = measuredEta(s, rateBps);
  const predicted = predictedDurationMs === null ? null : Math.max(0, predictedDurationMs - s.elapsedMs);
  // A copy that does not converge by itself ends when its policy ends it (downtime ramp, throttle,
  // post-copy), which the prediction replays: the series of its passes said "10 s" for a minute.
  // So does one whose prediction already had its policy end it: its passes' series is no better than the
  // Ready page's figure, and it ran 40% short while the guest was throttled (new-user review 13, 1).
  const ended = (prev?.policyEnds ?? false) || policyEnded(predictedStrategy) || policyEnds(s, rateBps);
  // The first estimate is the prediction the admin was shown (the Ready page): the copy's first rate
  // sample, still ramping up, is no better (new-user review 10, 5); the measure corrects it from the next.
  if (!prev && predicted) return { etaMs: predicted, atMs: s.atMs, rateBps, linkBps, policyEnds: ended };
  // In post-copy the pages left over the rate are the whole truth: no pass sends them twice, no policy ends it.
  const raw = s.postCopy ? measured : predicted && ended ? predicted : blend(predicted, measured, copyFraction(s, rateBps));
  const countdown = prev ? Math.max(0, prev.etaMs - Math.max(0, s.atMs - prev.atMs)) : null;
  if (raw === null) return countdown === null ? null : { etaMs: countdown, atMs: s.atMs, rateBps, linkBps, policyEnds: ended };
  if (countdown === null || !prev) return { etaMs: raw, atMs: s.atMs, rateBps, linkBps, policyEnds: ended };
  const step = maxEtaStep * Math.max(countdown, stepFloorMs);
  // Down: at most a step below the countdown. Up: at most a step above the previous estimate, not the
  // countdown, or a longer truth could not be reached (the step up was what the countdown took away).
  const etaMs = Math.max(0, Math.min(prev.etaMs + step, Math.max(countdown - step, raw)));
  return { etaMs, atMs: s.atMs, rateBps, linkBps, policyEnds: ended };
}

/**
 * What is left over the rate. Pre-copy sends the memory once and then what the guest dirtied
 * meanwhile, pass after pass: about total / (1 - dirty share) in all (a geometric series). Counting
 * against bytes already sent keeps this smooth across pass boundaries, however a driver reports
 * the current pass; a copy that outruns the series is judged by its current pass.
 */
function measuredEta(s: EtaSample, rateBps: number): number | null {
  if (rateBps <= 0) return null;
  // The series depends on the rate the copy gets, which rises on a shared link as its peers end: it is
  // judged at the copy's average rate over its rest, not at today's share (new-user review 11, 1: a
  // move among eleven read 3 min 40 s for a minute and a half, and took 2 min 12 s).
  let averageBps = rateBps;
  let ms = 0;
  for (let round = 0; round < 4; round++) {
    const left = s.diskRemainingBytes + (s.postCopy ? s.memoryRemainingBytes : Math.max(s.memoryRemainingBytes, seriesLeft(s, averageBps)));
    ms = sharedLinkMs(left, rateBps, s.linkPeers ?? []);
    const next = ms > 0 ? (left / ms) * 1000 : averageBps;
    if (next <= averageBps * 1.01) break;
    averageBps = next;
  }
  return ms;
}

/** What the passes' geometric series has left to send (negative once the copy has sent more). */
function seriesLeft(s: EtaSample, rateBps: number): number {
  const dirtyShare = Math.min(maxDirtyShare, s.dirtyRateBps / rateBps);
  return s.memoryTotalBytes / (1 - dirtyShare) - s.memoryProcessedBytes;
}

const policyEnded = (strategy: Prediction['strategy'] | undefined): boolean => strategy === 'auto-converge' || strategy === 'post-copy';

/** The copy has sent more than its passes' series and still has a pass to go: it no longer converges by itself. */
const policyEnds = (s: EtaSample, rateBps: number): boolean =>
  rateBps > 0 && s.diskRemainingBytes === 0 && s.memoryRemainingBytes > seriesLeft(s, rateBps);

/** The peers copying now: a queued one, or one between phases (no rate), shares nothing yet. */
const runningPeers = (peers: readonly LinkPeer[]): LinkPeer[] => peers.filter((p) => !p.waiting && p.rateBps > 0 && p.leftBytes > 0);

/**
 * Time to send `left` over a link shared with peers, as a shared link behaves: the rates all copies
 * get now add up to what the link carries, shared evenly, and a peer that finishes gives its share to
 * the others, unless a queued move takes its place, in the order they start; one that finishes in turn
 * frees its place for the next (new-user review 8, m2: the ETA rose as each queued move joined; review
 * 14, 2: an evacuation's long copy read 1 min 23 s beside short moves that followed each other, and
 * took four minutes).
 */
function sharedLinkMs(left: number, rateBps: number, peers: readonly LinkPeer[]): number {
  const running = runningPeers(peers);
  if (running.length === 0) return (left / rateBps) * 1000;
  const linkBps = running.reduce((sum, p) => sum + p.rateBps, rateBps);
  const waiting = peers.filter((p) => p.waiting && p.leftBytes > 0).map((p) => p.leftBytes);
  let beside = running.map((p) => p.leftBytes);
  let mine = left;
  let ms = 0;
  // Each step runs to the next copy to end, every copy at an even share; the copy ends the loop.
  while (mine > 0) {
    const step = Math.min(mine, ...beside);
    ms += ((step * (beside.length + 1)) / linkBps) * 1000;
    mine -= step;
    const still = beside.map((b) => b - step).filter((b) => b > 0);
    const freed = beside.length - still.length;
    beside = [...still, ...waiting.splice(0, freed)];
  }
  return ms;
}

/** How far the copy is, by bytes: how much the measured estimate is trusted over the prediction. */
function copyFraction(s: EtaSample, rateBps: number): number {
  const done = s.memoryProcessedBytes + s.diskProcessedBytes;
  const left = s.memoryRemainingBytes + s.diskRemainingBytes;
  if (rateBps <= 0 || done + left <= 0) return 0;
  return done / (done + left);
}

function blend(predicted: number | null, measured: number | null, fraction: number): number | null {
  if (predicted === null) return measured;
  if (measured === null) return predicted;
  // A measured rate is worth something from the first sample; by the end it is all that counts.
  const trust = Math.min(1, 0.3 + 1.5 * fraction);
  return (1 - trust) * predicted + trust * measured;
}
