import { useEffect, useState } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { etaText, queuedEtaTitle } from './convergence-note';

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
  return <span title={queuedEtaTitle(task, now)}>{etaText(task, now)}</span>;
}
