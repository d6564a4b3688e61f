import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { acknowledgedRequest, BridgeClient } from './bridge-client';
import { AuditPage } from './pages/Audit';
import { TasksPage } from './pages/Tasks';
import { useSharedConsole } from './shared-console';

/**
 * Controls in a grid's headers and rows that Tab would stop at (the pager below is a control of its own). The cell
 * that has the grid's focus is one stop with its control (MUI X's roving focus gives both a tab index): counted once.
 */
const tabStops = (grid: Locator): Promise<string[]> =>
  grid.evaluate((g) => {
    type Node = { tabIndex: number; getAttribute(n: string): string | null; textContent: string | null; closest(s: string): Node | null };
    const root = g as unknown as { querySelectorAll(s: string): Iterable<Node>; ownerDocument: { activeElement: Node | null } };
    const focusedCell = root.ownerDocument.activeElement?.closest('[role="gridcell"]') ?? null;
    const stops = [...root.querySelectorAll('[role="columnheader"], [role="columnheader"] *, [role="row"] *')].filter(
      (e) => e.tabIndex >= 0 && !e.closest('.MuiDataGrid-footerContainer'),
    );
    return stops
      .filter((e) => !focusedCell || e === focusedCell || e.closest('[role="gridcell"]') !== focusedCell)
      .map((e) => e.getAttribute('aria-label') ?? e.textContent ?? '');
  });

/** Whether the focus is inside `grid`, and on what. */
const focusIn = (grid: Locator): Promise<string> =>
  grid.evaluate((g) => {
    const active = (
      g as unknown as { ownerDocument: { activeElement: { getAttribute(n: string): string | null; textContent: string | null } | null } }
    ).ownerDocument.activeElement;
    if (!active || !(g as unknown as { contains(e: unknown): boolean }).contains(active)) return 'outside';
    return active.getAttribute('aria-label') ?? active.textContent ?? '';
  });

describe('new-user review 12, 13: a task or audit grid is one Tab stop, its buttons reached with the arrows', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 0.2 });

  it('Tasks: Tab enters the grid once and leaves with the next; the arrows reach a row’s ▾ and Cancel, Enter presses them', async () => {
    const { app, page, consoleErrors } = session();
    const client = await BridgeClient.connect(app.url);
    // Held at a fifth of real time: every row offers its ▾ and its Cancel for the whole test.
    for (const vm of ['DC0_C1_H1_VM0', 'DC0_C1_H1_VM1', 'DC0_C1_H1_VM2'])
      await client.invoke(
        'migration.start',
        await acknowledgedRequest(client, { vmIds: [vm], destHostId: 'DC0_C1_H0', type: 'compute', destDatastoreId: null }),
      );
    const tasks = new TasksPage(page);
    await tasks.open();
    for (const vm of ['DC0_C1_H1_VM0', 'DC0_C1_H1_VM1', 'DC0_C1_H1_VM2']) await tasks.cancelButton(vm).waitFor();
    // Each row's ▾ and Cancel were Tab stops of their own: six before the next control.
    expect(await tabStops(tasks.grid)).toHaveLength(1);
    await tasks.grid.getByRole('columnheader', { name: 'VM', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await focusIn(tasks.grid)).toMatch(/^Show details of DC0_C1_H1_VM\d$/);
    const first = (await focusIn(tasks.grid)).replace('Show details of ', '');
    await page.keyboard.press('Tab');
    expect(await focusIn(tasks.grid)).toBe('outside');
    await page.keyboard.press('Shift+Tab');
    expect(await focusIn(tasks.grid)).toBe(`Show details of ${first}`);
    await page.keyboard.press('Enter');
    await tasks.detail(first).waitFor();
    // → across the row reaches its Cancel (the grid gives it its room at 1440 px).
    await page.keyboard.press('End');
    expect(await focusIn(tasks.grid)).toBe(`Cancel migration of ${first}`);
    expect(await tabStops(tasks.grid)).toHaveLength(1);
    for (const task of await client.invoke('tasks.list', { limit: 50 }))
      if (task.state === 'running' || task.state === 'queued')
        await client.invoke('migration.cancel', { taskId: task.id }).catch(() => undefined);
    client.close();
    expect(consoleErrors).toEqual([]);
  });

  it('Audit: the Timeline and Operation buttons of its rows are no Tab stops of their own', async () => {
    const { page, consoleErrors } = session();
    const audit = new AuditPage(page);
    await audit.open();
    await audit.rows().first().waitFor();
    await expect.poll(() => audit.grid.getByRole('button', { name: /^Timeline of the migration of / }).count()).toBeGreaterThan(1);
    expect(await tabStops(audit.grid)).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });
});
