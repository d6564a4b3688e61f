import type { Prediction, PredictionBasis } from '../../../shared/model/migration';
import { formatBits, formatBytes, formatClock, formatDuration, formatRate } from './format';

/** What a learned link cost besides the copy, leaving out what it did not measure ("0 ms … a 0 ms switchover" said nothing). */
function learnedCosts({ fixedMs, switchoverMs }: PredictionBasis): string {
  const shown = (ms: number | undefined): ms is number => ms !== undefined && Math.round(ms) > 0;
  const costs = [
    shown(fixedMs) ? `${formatDuration(fixedMs)} besides the copy` : null,
    shown(switchoverMs) ? `a ${formatDuration(switchoverMs)} switchover` : null,
  ].filter((c) => c !== null);
  return costs.length ? `, ${costs.join(' and ')}` : '';
}

/** What a prediction stands on, in words: whether the dirty rate was measured (and when) or assumed, and where the link speed came from. */
export function describeBasis(basis: PredictionBasis | undefined): string {
  if (!basis) return '—';
  const rate =
    basis.dirtyRateSource === 'measured'
      ? `dirty rate ${formatRate(basis.dirtyRateBps)}, measured ${formatClock(basis.dirtyRateMeasuredAt)}`
      : basis.dirtyRateSource === 'reported'
        ? `dirty rate ${formatRate(basis.dirtyRateBps)}, as the backend reports it`
        : `dirty rate not measured yet, assumed ${formatRate(basis.dirtyRateBps)}`;
  return `${rate}; ${linkWords(basis)}`;
}

/** The link a prediction counted on, in words. */
function linkWords(basis: PredictionBasis): string {
  return basis.linkSource === 'learned'
    ? `link ${formatBits(basis.linkBps)}${learnedCosts(basis)}, learned from ${basis.linkSamples} migration${basis.linkSamples === 1 ? '' : 's'}`
    : `link ${formatBits(basis.linkBps)}, ${basis.linkSource}`;
}

/**
 * What a prediction stands on. A powered-off guest moves cold: no memory, no switchover, so its
 * dirty rate means nothing; it cited one as if it ran (new-user review 11, 7). Only its disks, if
 * they move, travel over the link.
 */
export function predictionBasisWords(p: Pick<Prediction, 'strategy' | 'transferBytes' | 'basis'> | null | undefined): string {
  if (!p) return '—';
  if (p.strategy !== 'cold') return describeBasis(p.basis);
  if (p.transferBytes <= 0) return 'cold move: powered off, no disk copied (only its definition moves)';
  return `cold move: powered off, disks copied: ${formatBytes(p.transferBytes)}${p.basis ? `; ${linkWords(p.basis)}` : ''}`;
}
