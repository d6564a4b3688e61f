import type { DatastoreChoice } from '../../../../shared/model/operations';

/** A datastore a failback can put a VM's disks on, as its select names it: the planner's own choice says so. */
export function storeChoiceWords(choice: DatastoreChoice): string {
  if (choice.origin) return `${choice.datastoreName} (where it came from)`;
  if (choice.holdsDisks) return `${choice.datastoreName} (where they are now)`;
  return choice.datastoreName;
}
