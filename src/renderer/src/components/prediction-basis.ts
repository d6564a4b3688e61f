import type { PredictionBasis } from '../../../shared/model/migration';
import { formatBits, formatDuration, formatRate } from './format';

/** What a prediction stands on, in words: whether the dirty rate was measured (and when) or assumed, and where the link speed came from. */
export function describeBasis(basis: PredictionBasis | undefined): string {
  if (!basis) return '—';
  const rate =
    basis.dirtyRateSource === 'measured'
      ? `dirty rate ${formatRate(basis.dirtyRateBps)}, measured ${new Date(basis.dirtyRateMeasuredAt ?? '').toLocaleTimeString()}`
      : basis.dirtyRateSource === 'reported'
        ? `dirty rate ${formatRate(basis.dirtyRateBps)}, as the backend reports it`
        : `dirty rate not measured yet, assumed ${formatRate(basis.dirtyRateBps)}`;
  const link =
    basis.linkSource === 'learned'
      ? `link ${formatBits(basis.linkBps)}${basis.fixedMs === undefined ? '' : `, ${formatDuration(basis.fixedMs)} besides the copy and a ${formatDuration(basis.switchoverMs ?? null)} switchover`}, learned from ${basis.linkSamples} migration${basis.linkSamples === 1 ? '' : 's'}`
      : `link ${formatBits(basis.linkBps)}, ${basis.linkSource}`;
  return `${rate}; ${link}`;
}
