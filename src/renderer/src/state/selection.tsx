import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { oneOf, usePersistedState } from './persisted';

export type SelectionKind = 'datacenter' | 'cluster' | 'host' | 'vm' | 'datastore' | 'network';
export interface Selection {
  kind: SelectionKind;
  id: string;
}

interface SelectionContextValue {
  /** The object the summary shows: the last one clicked. */
  selection: Selection | null;
  select(selection: Selection | null): void;
  /** Everything selected in the tree (Shift/Ctrl-click), the primary selection included. */
  selected: readonly Selection[];
  selectMany(selected: Selection[], primary: Selection | null): void;
}

const SelectionContext = createContext<SelectionContextValue>({
  selection: null,
  select: () => undefined,
  selected: [],
  selectMany: () => undefined,
});

const kinds = oneOf<SelectionKind>('datacenter', 'cluster', 'host', 'vm', 'datastore', 'network');
const isSelection = (value: unknown): value is Selection =>
  typeof value === 'object' && value !== null && kinds((value as Selection).kind) && typeof (value as Selection).id === 'string';
const isState = (value: unknown): value is { primary: Selection | null; all: Selection[] } =>
  typeof value === 'object' &&
  value !== null &&
  ((value as { primary: unknown }).primary === null || isSelection((value as { primary: unknown }).primary)) &&
  Array.isArray((value as { all: unknown }).all) &&
  (value as { all: unknown[] }).all.every(isSelection);

/** The selection, shared by the inventory tree, the item menu, drag and drop and the summary; kept across reloads. */
export function SelectionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = usePersistedState('selection', { primary: null, all: [] }, isState);
  const select = useCallback(
    (selection: Selection | null) => setState({ primary: selection, all: selection ? [selection] : [] }),
    [setState],
  );
  const selectMany = useCallback(
    (all: Selection[], primary: Selection | null) => setState({ primary: primary ?? all[all.length - 1] ?? null, all }),
    [setState],
  );
  const value = useMemo(() => ({ selection: state.primary, select, selected: state.all, selectMany }), [state, select, selectMany]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export const useSelection = (): SelectionContextValue => useContext(SelectionContext);

/** Tree item ids carry the kind, since hosts and VMs may share raw ids across drivers. */
export const treeId = (kind: SelectionKind, id: string): string => `${kind}:${id}`;
export function parseTreeId(itemId: string): Selection | null {
  const at = itemId.indexOf(':');
  if (at < 0) return null;
  return { kind: itemId.slice(0, at) as SelectionKind, id: itemId.slice(at + 1) };
}
