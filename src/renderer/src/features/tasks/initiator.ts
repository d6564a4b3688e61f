// Who started a move, in the task grids: one short word with an icon ("Schedule", "Maintenance",
// "Failback", the admin's name), the full words ("maintenance of H2 (on behalf of ops)") in its title.

export type InitiatorKind = 'failback' | 'maintenance' | 'schedule' | 'balancer' | 'person';

/** The kind of initiator and its word, read from the task's requestedBy as main words it. */
export function initiatorOf(requestedBy: string): { kind: InitiatorKind; word: string } {
  if (requestedBy.startsWith('failback of ')) return { kind: 'failback', word: 'Failback' };
  if (requestedBy.startsWith('maintenance of ')) return { kind: 'maintenance', word: 'Maintenance' };
  if (requestedBy.startsWith('scheduler ')) return { kind: 'schedule', word: 'Schedule' };
  if (requestedBy.startsWith('balancer ')) return { kind: 'balancer', word: 'Balancer' };
  return { kind: 'person', word: requestedBy };
}
