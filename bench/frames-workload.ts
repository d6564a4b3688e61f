// What runs in the page while frames are measured: the inventory tree scrolled back and forth every
// frame while the pointer is off it (and the Tasks grid, when asked), long tasks observed, and for each drag the time from its activation
// (the pointer past dnd-kit's 6 px) to every host row in sight showing its verdict. Runs in the
// page, so it closes over nothing and reads the DOM through `globalThis`.

export interface FrameReport {
  /** Time between animation frames, ms. */
  frames: number[];
  /** Main-thread tasks over 50 ms (Long Tasks API), their durations. */
  longTasks: number[];
  /** Per drag: activation to every visible host coloured, ms (null: never within the run). */
  verdicts: (number | null)[];
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
interface El {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  parentElement: El | null;
  getBoundingClientRect(): Box;
  getAttribute(name: string): string | null;
}
interface PointerLike {
  type: string;
  clientX: number;
  clientY: number;
  timeStamp: number;
}

/** `scrollGrid`: the Tasks grid scrolled too, by up to 3,000 px a frame (new rows every frame). */
export async function measureInPage({ durationMs, scrollGrid }: { durationMs: number; scrollGrid: boolean }): Promise<FrameReport> {
  const g = globalThis as unknown as {
    document: {
      querySelector(selector: string): El | null;
      querySelectorAll(selector: string): ArrayLike<El>;
      addEventListener(type: string, listener: (e: PointerLike) => void, capture: boolean): void;
      removeEventListener(type: string, listener: (e: PointerLike) => void, capture: boolean): void;
    };
    performance: { now(): number };
    requestAnimationFrame(callback: (now: number) => void): void;
    PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => {
      observe(options: { type: string }): void;
      disconnect(): void;
    };
  };
  const grid = g.document.querySelector('.MuiDataGrid-virtualScroller');
  // The tree scrolls in its panel: the first ancestor taller inside than out.
  let tree = g.document.querySelector('[role="tree"][aria-label="Inventory"]');
  while (tree && tree.scrollHeight <= tree.clientHeight) tree = tree.parentElement;
  const report: FrameReport = { frames: [], longTasks: [], verdicts: [] };
  const observer = new g.PerformanceObserver((list) => report.longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });

  let pressedAt: { x: number; y: number } | null = null;
  let activatedAt: number | null = null;
  /** This press's drag was timed already (its colours came, or it ended). */
  let timed = false;
  let pointerInTree = false;
  const onPointer = (e: PointerLike) => {
    const panel = tree?.getBoundingClientRect();
    pointerInTree = panel !== undefined && e.clientX >= panel.left && e.clientX <= panel.right;
    if (e.type === 'pointerdown') [pressedAt, activatedAt, timed] = [{ x: e.clientX, y: e.clientY }, null, false];
    else if (e.type === 'pointerup') {
      if (activatedAt !== null) report.verdicts.push(null);
      [pressedAt, activatedAt] = [null, null];
    } else if (pressedAt && !timed && activatedAt === null && Math.hypot(e.clientX - pressedAt.x, e.clientY - pressedAt.y) >= 6)
      activatedAt = e.timeStamp;
  };
  for (const type of ['pointerdown', 'pointermove', 'pointerup']) g.document.addEventListener(type, onPointer, true);
  const allColoured = (): boolean => {
    if (!tree) return false;
    const view = tree.getBoundingClientRect();
    const hosts = Array.from(g.document.querySelectorAll('[data-drop-host]'));
    const inSight = hosts.filter((h) => {
      const box = h.getBoundingClientRect();
      return box.bottom > view.top && box.top < view.bottom;
    });
    return inSight.length > 0 && inSight.every((h) => (h.getAttribute('data-verdict') ?? '') !== '');
  };

  let last = g.performance.now();
  const end = last + durationMs;
  await new Promise<void>((resolve) => {
    const tick = (now: number) => {
      report.frames.push(now - last);
      last = now;
      if (activatedAt !== null && allColoured()) {
        // Painted in this frame, which began before the pointer event when that came in the same frame.
        report.verdicts.push(Math.max(0, now - activatedAt));
        [activatedAt, timed] = [null, true];
      }
      // Both lists move every frame: virtualization, live task updates and the drag's colours at once.
      if (grid && scrollGrid) grid.scrollTop = (Math.sin(now / 400) + 1) * 1500;
      // The tree holds still while the pointer is on it, so a drag can pick a VM up.
      if (tree && !pointerInTree) tree.scrollTop = (Math.sin(now / 700) + 1) * 600;
      if (now < end) g.requestAnimationFrame(tick);
      else resolve();
    };
    g.requestAnimationFrame(tick);
  });
  observer.disconnect();
  for (const type of ['pointerdown', 'pointermove', 'pointerup']) g.document.removeEventListener(type, onPointer, true);
  return report;
}
