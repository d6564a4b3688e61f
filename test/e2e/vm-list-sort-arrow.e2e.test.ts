import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { VmListPage, type VmColumn } from './pages/VmList';
import { useSharedConsole } from './shared-console';

// New-user review 9, 4: sorted by Memory at 1280 px, the "▲" wrapped under the header's word.
describe("the VM list's sort arrow stays on its header's line", () => {
  const session = useSharedConsole({ preset: 'demo' });

  it('at 1024 and 1280 px, each sortable column sorted either way shows its arrow beside its last word', async () => {
    const { page, consoleErrors } = session();
    const list = new VmListPage(page);
    await list.openAll();
    const sortable: VmColumn[] = ['Name', 'Host', 'Power', 'Memory', 'Tags', 'Mission-critical', 'Migrating'];
    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const column of sortable) {
        // At 1024 px Tags and Mission-critical give way.
        if (!(await list.grid.getByRole('columnheader', { name: new RegExp(`^${column}`) }).isVisible())) continue;
        for (const order of ['ascending', 'descending'] as const) {
          await list.sortTo(column, order);
          expect(await list.sortArrowOnLastLine(column), `${column} ${order} at ${width}`).toBe(true);
        }
        if (column === 'Memory') await screenshot(page, `vm-list-sorted-memory-${width}`);
      }
      await list.sortTo('Name', 'none');
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(consoleErrors).toEqual([]);
  });
});
