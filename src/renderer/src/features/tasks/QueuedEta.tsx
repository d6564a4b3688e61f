import { useEffect, useState } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { formatDuration } from '../../components/format';
import { etaText } from './convergence-note';

/**
 * A queued move's ETA, counted down each second: nothing about the task changes while it waits, so
 * no update from the engine would move it. Its title says what the figure is made of.
 */
export function QueuedEta({ task }: { task: Task }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const p = task.prediction;
  const title =
    p?.durationMs == null
      ? 'Not predicted'
      : `Predicted when it was requested: ${p.startsInMs ? `it starts about ${formatDuration(p.startsInMs)} after its request, then ` : ''}the move takes about ${formatDuration(p.durationMs)}`;
  return <span title={title}>{etaText(task, now)}</span>;
}
