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
  /**
   * What lists of VMs are scoped to, as vSphere's VMs tab: the datacenter, cluster or host last
   * selected; selecting a VM, datastore or port group keeps it, so a click in the list does not
   * narrow the list. Null: the whole inventory.
   */
  scope: Selection | null;
  /** The whole inventory again, the selection left as it is. */
  showAll(): void;
}

const SelectionContext = createContext<SelectionContextValue>({
  selection: null,
  select: () => undefined,
  selected: [],
  selectMany: () => undefined,
  scope: null,
  showAll: () => undefined,
});

const isScope = (selection: Selection | null): boolean =>
  selection?.kind === 'datacenter' || selection?.kind === 'cluster' || selection?.kind === 'host';
/** The scope once `primary` is selected: a container becomes it, nothing clears it, anything else keeps it. */
const scopeAfter = (scope: Selection | null, primary: Selection | null): Selection | null =>
  primary === null || isScope(primary) ? primary : scope;

interface State {
  primary: Selection | null;
  all: Selection[];
  /** Absent in what an earlier version stored: the whole inventory. */
  scope?: Selection | null;
}

const kinds = oneOf<SelectionKind>('datacenter', 'cluster', 'host', 'vm', 'datastore', 'network');
const isSelection = (value: unknown): value is Selection =>
  typeof value === 'object' && value !== null && kinds((value as Selection).kind) && typeof (value as Selection).id === 'string';
const isNullableSelection = (value: unknown): boolean => value === null || isSelection(value);
const isState = (value: unknown): value is State =>
  typeof value === 'object' &&
  value !== null &&
  isNullableSelection((value as { primary: unknown }).primary) &&
  Array.isArray((value as { all: unknown }).all) &&
  (value as { all: unknown[] }).all.every(isSelection) &&
  ((value as { scope?: unknown }).scope === undefined || isNullableSelection((value as { scope?: unknown }).scope));

/** The selection, shared by the inventory tree, the item menu, drag and drop and the summary; kept across reloads. */
export function SelectionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = usePersistedState<State>('selection', { primary: null, all: [], scope: null }, isState);
  const select = useCallback(
    (selection: Selection | null) =>
      setState((was) => ({ primary: selection, all: selection ? [selection] : [], scope: scopeAfter(was.scope ?? null, selection) })),
    [setState],
  );
  const selectMany = useCallback(
    (all: Selection[], primary: Selection | null) =>
      setState((was) => {
        const next = primary ?? all[all.length - 1] ?? null;
        return { primary: next, all, scope: scopeAfter(was.scope ?? null, next) };
      }),
    [setState],
  );
  const showAll = useCallback(() => setState((was) => ({ ...was, scope: null })), [setState]);
  const value = useMemo(
    () => ({ selection: state.primary, select, selected: state.all, selectMany, scope: state.scope ?? null, showAll }),
    [state, select, selectMany, showAll],
  );
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
