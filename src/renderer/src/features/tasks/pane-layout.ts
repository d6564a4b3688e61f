import { useCallback, useState } from 'react';

const heightKey = 'ferry.recentTasks.height';
const collapsedKey = 'ferry.recentTasks.collapsed';
export const minPaneHeight = 120;
const defaultHeight = 220;
/** The pane never takes more than this share of the window: the view above stays usable. */
const maxShare = 0.7;

export const clampPaneHeight = (px: number, windowHeight: number): number =>
  Math.round(Math.max(minPaneHeight, Math.min(px, Math.max(minPaneHeight, windowHeight * maxShare))));

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the pane still works, it only forgets
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // as above
  }
}

/** The Recent tasks pane's height and whether it is collapsed, both remembered across reloads. */
export function usePaneLayout(): { height: number; collapsed: boolean; setHeight(px: number): void; setCollapsed(c: boolean): void } {
  const [height, setHeightState] = useState(() => clampPaneHeight(Number(read(heightKey)) || defaultHeight, window.innerHeight));
  const [collapsed, setCollapsedState] = useState(() => read(collapsedKey) === 'true');
  const setHeight = useCallback((px: number) => {
    const next = clampPaneHeight(px, window.innerHeight);
    setHeightState(next);
    write(heightKey, String(next));
  }, []);
  const setCollapsed = useCallback((c: boolean) => {
    setCollapsedState(c);
    write(collapsedKey, String(c));
  }, []);
  return { height, collapsed, setHeight, setCollapsed };
}
