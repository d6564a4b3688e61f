import { requestOpen } from '../../state/open-request';
import type { SearchEntry } from '../../state/search-index';
import { treeId, type Selection } from '../../state/selection';

export interface Openers {
  select: (selection: Selection) => void;
  /** The VM list unscoped: a tag's VMs are wherever they run. */
  showAll: () => void;
  onShowSummary: () => void;
  onShowVmList: () => void;
  /** A task opens in its dialog, which takes the focus itself. */
  showTask: (taskId: string) => void;
}

/**
 * What opening a result does, and where the keyboard focus lands after it: a tree object is
 * selected and its tree item focused, a datastore or port group (not in the tree) focuses its
 * summary, a tag lists its VMs with the first one focused.
 */
export function openEntry({ kind, id, name }: SearchEntry, open: Openers): void {
  if (kind === 'task') return open.showTask(id);
  if (kind === 'tag') {
    requestOpen({ kind: 'vm-list', tag: name });
    open.showAll();
    return open.onShowVmList();
  }
  const inTree = kind !== 'datastore' && kind !== 'network';
  requestOpen(inTree ? { kind: 'tree-item', treeId: treeId(kind, id) } : { kind: 'summary' });
  open.select({ kind, id });
  open.onShowSummary();
}
