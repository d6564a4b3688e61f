import { describe, expect, it } from 'vitest';
import { VmListPage } from './pages/VmList';
import { useSharedConsole } from './shared-console';

// New-user review: Shift+arrows drew the range from the last row clicked, not from where the keys had
// moved to (one Shift+↑ after End selected 39,998 of the large preset's VMs). The demo preset shows the
// same mechanism on fewer rows.
/** The list scrolled to its top, and the names of its rows from the first, in the list's order. */
async function topNames(list: VmListPage): Promise<string[]> {
  await list.grid.getByTestId('vm-list-viewport').evaluate((e) => (e.scrollTop = 0));
  await list.grid.locator('.body [role="row"][aria-rowindex="2"]').waitFor();
  await expect.poll(() => list.rowsInReadingOrder()).toBe(true);
  return list.shownNames();
}

describe('in the VM list the keys move the anchor with the active row, as Explorer and vSphere do', () => {
  const session = useSharedConsole({ preset: 'demo' });

  it('a click then ↓↓↓: the active row alone is selected, and Shift+↓ selects it and the next', async () => {
    const { page, consoleErrors } = session();
    const list = new VmListPage(page);
    await list.openAll();
    await list.sortTo('Memory', 'ascending');
    const names = await topNames(list);
    await list.clickRow(names[0] ?? '');
    await page.keyboard.press('ArrowDown');
    expect(await list.selectedNames()).toEqual([names[1]]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await list.focused()).toBe(`row 6 ${names[4]}`);
    expect(await list.selectedNames()).toEqual(names.slice(3, 5));
    expect(await list.selectedCount()).toBe('2 selected');
    expect(consoleErrors).toEqual([]);
  });

  it('a click on the 2nd row, End, Shift+↑: the last two rows selected, not all but the first', async () => {
    const { page, consoleErrors } = session();
    const list = new VmListPage(page);
    await list.openAll();
    await list.sortTo('Memory', 'ascending');
    const total = await list.rowCount();
    await list.clickRow((await topNames(list))[1] ?? '');
    await page.keyboard.press('End');
    await expect.poll(() => list.focused()).toMatch(new RegExp(`^row ${total + 1} `));
    const last = (await list.focused()).split(' ')[2];
    await page.keyboard.press('Shift+ArrowUp');
    const [, , beforeLast] = (await list.focused()).split(' ');
    expect(await list.selectedCount()).toBe('2 selected');
    expect(await list.selectedNames()).toEqual([beforeLast, last]);
    await page.getByRole('main').getByRole('button', { name: 'Migrate 2 VMs…', exact: true }).waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('Ctrl+arrows move the active row alone, Ctrl+Space toggles it in, and Shift+arrows go on from there', async () => {
    const { page, consoleErrors } = session();
    const list = new VmListPage(page);
    await list.openAll();
    await list.sortTo('Memory', 'ascending');
    const names = await topNames(list);
    await list.clickRow(names[0] ?? '');
    await page.keyboard.press('Control+ArrowDown');
    await page.keyboard.press('Control+ArrowDown');
    expect(await list.focused()).toBe(`row 4 ${names[2]}`);
    expect(await list.selectedNames()).toEqual([names[0]]);
    await page.keyboard.press('Control+ ');
    expect(await list.selectedNames()).toEqual([names[0], names[2]]);
    await page.keyboard.press('Control+Shift+ArrowDown');
    expect(await list.selectedNames()).toEqual([names[0], names[2], names[3]]);
    // Space without Ctrl is a plain click on the active row: its VM alone.
    await page.keyboard.press(' ');
    expect(await list.selectedNames()).toEqual([names[3]]);
    expect(consoleErrors).toEqual([]);
  });
});
