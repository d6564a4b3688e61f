import type { DatastoreChoice } from '../../../../shared/model/operations';

/**
 * A datastore a failback can put a VM's disks on, as its select names it: the planner's own choice says so,
 * of the one disk as "it", of several as "they".
 */
export function storeChoiceWords(choice: DatastoreChoice, diskCount: number): string {
  const [pronoun, is] = diskCount === 1 ? ['it', 'is'] : ['they', 'are'];
  if (choice.origin) return `${choice.datastoreName} (where ${pronoun} came from)`;
  if (choice.holdsDisks) return `${choice.datastoreName} (where ${pronoun} ${is} now)`;
  return choice.datastoreName;
}
