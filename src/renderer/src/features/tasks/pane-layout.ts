import { useCallback, useState } from 'react';

const heightKey = 'ferry.recentTasks.height';
const collapsedKey = 'ferry.recentTasks.collapsed';
export const minPaneHeight = 120;
const defaultHeight = 220;
/** The pane never takes more than this share of the window... */
const maxShare = 0.7;
/** ...nor the room the header, tabs, status bar and a usable view (about 240 px) need above it. */
const keptForTheView = 380;

/** The tallest the pane may be in a window this tall (what the separator announces as its maximum). */
export const maxPaneHeight = (windowHeight: number): number =>
  Math.round(Math.max(minPaneHeight, Math.min(windowHeight * maxShare, windowHeight - keptForTheView)));

export const clampPaneHeight = (px: number, windowHeight: number): number =>
  Math.round(Math.max(minPaneHeight, Math.min(px, maxPaneHeight(windowHeight))));

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
