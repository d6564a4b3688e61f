import { describe, expect, it } from 'vitest';
import { InventoryPage } from './pages/Inventory';
import { VmListPage } from './pages/VmList';
import { useSharedConsole } from './shared-console';

// New-user review 16, 8: the scope bar's "Show all VMs", pressed from the keyboard, went away with the scope and
// left the focus on the page's body, where nothing shows it and the next Tab starts over.
describe("the VM list's way back to all VMs keeps the keyboard in the list", () => {
  const session = useSharedConsole({ preset: 'demo' });

  it('Enter on "Show all VMs" moves the focus to the list that now shows them all', async () => {
    const { page, consoleErrors } = session();
    await new InventoryPage(page).select('DC0_C0_H0');
    const list = new VmListPage(page);
    await list.open();
    expect(await list.scope()).toMatch(/^VMs on host DC0_C0_H0 · /);
    await page.getByRole('main').getByRole('button', { name: 'Show all VMs' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => list.scope()).toBeNull();
    await expect.poll(() => list.focused()).toMatch(/^row 2 /);
    expect(consoleErrors).toEqual([]);
  });
});
