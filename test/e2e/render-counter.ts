import type { Page } from 'playwright-core';

/**
 * Counts which inventory tree rows and VM list rows React renders, commit by commit, in the production build: a
 * stand-in for React DevTools' hook (React calls `onCommitFiberRoot` on it after every commit, in
 * production too). A component rendered in a commit when it is new or carries React's
 * PerformedWork flag; a subtree whose child pointer did not change was skipped, as DevTools reads
 * it. Each rendered component is charged to the tree row (`kind:id`) or the VM list row
 * (`vm-list:<aria-rowindex>`: its rows are reused for other VMs) holding its first DOM element.
 * A string, installed before the page's scripts (the test side is compiled without the DOM's types).
 */
const hook = `(() => {
  const commits = [];
  window.__treeRenders = commits;
  const performedWork = 1;
  // Function, class, forwardRef, memo and simple memo components.
  const isComponent = (fiber) => [0, 1, 11, 14, 15].includes(fiber.tag);
  // Depth first: emotion's styled components render an empty <Insertion> before their element.
  const firstElement = (fiber) => {
    for (let child = fiber.child; child; child = child.sibling) {
      if (child.tag === 5) return child.stateNode;
      const found = firstElement(child);
      if (found) return found;
    }
    return null;
  };
  const rowOf = (fiber) => {
    const element = firstElement(fiber);
    // A VM list row's first element is the wrapper that places it (or an element inside the row).
    const listRow = element ? (element.closest('[role="row"][data-vm-id]') ?? element.querySelector(':scope > [role="row"][data-vm-id]')) : null;
    if (listRow) return 'vm-list:' + listRow.getAttribute('aria-rowindex');
    const row = element ? element.closest('[role="treeitem"]') : null;
    const label = row ? row.querySelector('[data-tree-id]') : null;
    return label ? label.getAttribute('data-tree-id') : null;
  };
  const visit = (fiber, rows) => {
    const before = fiber.alternate;
    if (isComponent(fiber) && (before === null || (fiber.flags & performedWork) !== 0)) {
      const row = rowOf(fiber);
      if (row) rows.add(row);
    }
    if (before !== null && fiber.child === before.child) return;
    for (let child = fiber.child; child; child = child.sibling) visit(child, rows);
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    onCommitFiberRoot: (_id, root) => {
      const rows = new Set();
      visit(root.current, rows);
      if (rows.size > 0) commits.push([...rows]);
    },
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    checkDCE: () => {},
  };
})()`;

/** Installs the counter for the page's next load (reload after calling this). */
export async function countRowRenders(page: Page): Promise<void> {
  await page.addInitScript(hook);
}

/** Forgets the commits so far. */
export async function resetRowRenders(page: Page): Promise<void> {
  await page.evaluate(`window.__treeRenders.length = 0`);
}

/** The rows each commit since the last reset rendered, commits without rows left out. */
export async function rowRenders(page: Page): Promise<string[][]> {
  return page.evaluate<string[][]>(`window.__treeRenders.slice()`);
}
