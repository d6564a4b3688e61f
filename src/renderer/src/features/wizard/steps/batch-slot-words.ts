import type { Host } from '../../../../../shared/model/inventory';
import type { BatchSlot, WaitReason } from '../../../../../shared/model/migration';
import { formatBits, formatDuration } from '../../../components/format';

/**
 * When a VM of the batch is done, counted from when it starts moving: Finish, or for a scheduled
 * batch each run (the Ready page's Finish only saves the schedule). What an admin plans the window around.
 */
export function finishWords(slot: BatchSlot | undefined, schedule: 'now' | 'once' | 'recurring' = 'now'): string {
  if (!slot) return '—';
  if (slot.finishesInMs === null) return 'does not finish';
  const from = { now: 'Finish', once: 'the run starts', recurring: 'each run starts' }[schedule];
  return `about ${formatDuration(slot.finishesInMs)} after ${from}`;
}

/** Why a VM of the batch does not start at once: "waits about 7 s for the 5 Gb/s link cap of DC0_C1_H1 (4 moves at a time)". */
export function waitWords(slot: BatchSlot | undefined, hostOf: (id: string) => Host | undefined): string | null {
  if (!slot?.waitsFor || slot.startsInMs <= 0) return null;
  return `waits about ${formatDuration(slot.startsInMs)} for ${capWords(slot.waitsFor, hostOf)}`;
}

function capWords(w: WaitReason, hostOf: (id: string) => Host | undefined): string {
  const at = w.kind === 'network' ? `(${w.cap} moves at a time)` : `(cap ${w.cap})`;
  if (w.kind === 'network') {
    const host = hostOf(w.resourceId.replace(/^net:/, ''));
    const name = w.resourceName.replace(/ migration link$/, '');
    return `the ${host ? `${formatBits(host.migrationBandwidthBps)} ` : ''}link cap of ${name} ${at}`;
  }
  if (w.kind === 'host') return `the migration cap of host ${w.resourceName} ${at}`;
  if (w.kind === 'datastore') return `the cap of datastore ${w.resourceName} ${at}`;
  return w.resourceName;
}
