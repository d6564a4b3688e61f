import { formatBytes, formatDuration } from '../../components/format';

export interface DiskMove {
  vmName: string;
  hostName: string;
  /** What is copied: the disks' allocated bytes, as the engine copies them. */
  diskBytes: number;
  diskCount: number;
  /** Where the plan sends it now; null while it is asked, or when no host takes it. */
  destHostName: string | null;
  destDatastoreName: string | null;
  /** The plan's estimate of the move, start to end; null when there is no plan for it. */
  durationMs: number | null;
}

/** The question before a VM left behind is moved with its disk (new-user review 12, 12a). */
export const moveWithDiskTitle = (m: DiskMove): string =>
  `Move ${m.vmName} with its disk${m.diskCount === 1 ? '' : 's'}${m.destHostName ? ` to ${m.destHostName}` : ''}?`;

/** What happens, in the order it happens; the estimate only where the plan gives one (no figure made up). */
export function moveWithDiskWords(m: DiskMove): string[] {
  const disks = m.diskCount === 1 ? 'its disk' : `its ${m.diskCount} disks`;
  const where = m.destHostName ? ` to ${m.destDatastoreName ?? 'a datastore'} on ${m.destHostName}` : '';
  return [
    `Ferry copies ${disks} (${formatBytes(m.diskBytes)}) over the network${where}, then its memory, while ${m.vmName} keeps running: a live move with its storage (shared-nothing).`,
    `${m.durationMs !== null ? `The plan puts it at about ${formatDuration(m.durationMs)}. ` : ''}Until it ends, the copy loads the migration link and both datastores.`,
    `You can cancel it in Tasks until it switches over; ${m.vmName} then stays on ${m.hostName}.`,
  ];
}
