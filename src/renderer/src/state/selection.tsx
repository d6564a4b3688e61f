import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type SelectionKind = 'datacenter' | 'cluster' | 'host' | 'vm' | 'datastore' | 'network';
export interface Selection {
  kind: SelectionKind;
  id: string;
}

interface SelectionContextValue {
  selection: Selection | null;
  select(selection: Selection | null): void;
}

/** The one selected object, shared by the inventory tree, the item menu and the summary. */
const SelectionContext = createContext<SelectionContextValue>({ selection: null, select: () => undefined });

export function SelectionProvider({ children }: { children: ReactNode }) {
  const [selection, select] = useState<Selection | null>(null);
  const value = useMemo(() => ({ selection, select }), [selection]);
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
