import { formatDuration } from '../../../components/format';
import type { Prediction } from '../../../../../shared/model/migration';

/**
 * A prediction's Duration: a copy that outlasts its give-up limit says when it rolls back, not the
 * 28 minutes it would have needed (new-user review 16, 2).
 */
export function predictedDurationWords(p: Pick<Prediction, 'durationMs' | 'givesUp'>): string {
  const givesUp = p.givesUp;
  if (givesUp)
    return givesUp.copyMs === null
      ? `gives up after ${formatDuration(givesUp.afterMs)}: it does not converge`
      : `gives up after ${formatDuration(givesUp.afterMs)}: its copy needs about ${formatDuration(givesUp.copyMs)}`;
  return p.durationMs === null ? 'does not finish' : `about ${formatDuration(p.durationMs)}`;
}
