import type { Locator, Page } from 'playwright-core';

/** The little of the DOM the page functions below read (the test side is compiled without the DOM's types). */
interface Row {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<Row>;
  getAttribute?(name: string): string | null;
}

/**
 * Names of tree rows: the aria-label, else the text less what is hidden from assistive technology.
 * With `under`, only the rows one level below that row, up to the next row at its level (the rows
 * are siblings, their level tells the hierarchy). Runs in the page, so it closes over nothing.
 */
function rowNames(rows: Row[], under?: { name: string; level: number }): string[] {
  const walk = (node: Row): string =>
    node.nodeType === 3
      ? (node.textContent ?? '')
      : node.getAttribute?.('aria-hidden') === 'true'
        ? ''
        : Array.from(node.childNodes, walk).join('');
  const nameOf = (row: Row) => row.getAttribute?.('aria-label') ?? walk(row).trim();
  if (!under) return rows.map(nameOf);
  const levelOf = (row: Row) => Number(row.getAttribute?.('aria-level'));
  const start = rows.findIndex((row) => levelOf(row) === under.level && nameOf(row) === under.name);
  const end = rows.findIndex((row, at) => at > start && levelOf(row) <= under.level);
  return rows
    .slice(start + 1, end < 0 ? undefined : end)
    .filter((row) => levelOf(row) === under.level + 1)
    .map(nameOf);
}

/** The inventory tree on the left: hosts and VMs by their accessible names. */
export class InventoryPage {
  constructor(private readonly page: Page) {}

  get tree(): Locator {
    return this.page.getByRole('tree', { name: 'Inventory' });
  }

  item(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  /** The maintenance word a host's row shows (entering, cannot finish, maint.). */
  maintenanceBadge(name: string): Locator {
    return this.item(name).getByTestId('maintenance-badge');
  }

  /** The row's expand arrow: a click on the label selects only, the arrow opens and closes. */
  arrow(name: string): Locator {
    return this.item(name).locator('.MuiTreeItem-iconContainer');
  }

  async isExpanded(name: string): Promise<boolean> {
    return (await this.item(name).getAttribute('aria-expanded')) === 'true';
  }

  async expand(name: string): Promise<void> {
    if (!(await this.isExpanded(name))) await this.arrow(name).click();
    await this.item(name).and(this.page.locator('[aria-expanded="true"]')).waitFor();
  }

  async collapse(name: string): Promise<void> {
    if (await this.isExpanded(name)) await this.arrow(name).click();
    await this.item(name).and(this.page.locator('[aria-expanded="false"]')).waitFor();
  }

  async select(name: string): Promise<void> {
    await this.item(name).locator('> div').first().click();
  }

  /** Ctrl-click (toggle) or Shift-click (range) an item, as multi-selection does. */
  async selectAlso(name: string, how: 'Control' | 'Shift'): Promise<void> {
    await this.item(name)
      .locator('> div')
      .first()
      .click({ modifiers: [how] });
  }

  /** Names of the selected tree items, in tree order (selection is aria-selected, never aria-checked: the tree has no checkboxes). */
  async selectedNames(): Promise<string[]> {
    return this.tree.locator('[role="treeitem"][aria-selected="true"]').evaluateAll(rowNames, undefined);
  }

  /** The tree's one Tab stop (roving tabindex), by name, and whether it has the keyboard now: "DC0_C1 focused". */
  async tabStop(): Promise<string> {
    const stop = this.tree.locator('[role="treeitem"][tabindex="0"]');
    const [name] = await stop.evaluateAll(rowNames, undefined);
    const focused = await stop.evaluate((e) => e === e.ownerDocument.activeElement);
    return `${name} ${focused ? 'focused' : 'not focused'}`;
  }

  /** How many tree items say they are checked: none should, a screen reader would announce "checked". */
  checkedCount(): Promise<number> {
    return this.tree.locator('[role="treeitem"][aria-checked]').count();
  }

  /** Opens an item's context menu with a right-click. */
  async openMenu(name: string): Promise<Locator> {
    await this.item(name).locator('> div').first().click({ button: 'right' });
    const menu = this.page.getByRole('menu');
    await menu.waitFor();
    return menu;
  }

  /** Names of the VMs shown under a host (expanding it); a host without VMs has nothing to expand. */
  async vmsOn(hostName: string): Promise<string[]> {
    if ((await this.item(hostName).getAttribute('aria-expanded')) === null) return [];
    await this.expand(hostName);
    const level = Number(await this.item(hostName).getAttribute('aria-level'));
    return this.tree.locator('[role="treeitem"]').evaluateAll(rowNames, { name: hostName, level });
  }

  /**
   * Drags a VM's label onto a host's label with the mouse, the way a user does; `whileOver` looks at
   * the page before the drop. `verdict: false` drops without waiting for the host's precheck verdict
   * (when the checks cannot arrive, e.g. the console refuses the tab).
   */
  async dragVmToHost(
    vmName: string,
    hostName: string,
    whileOver?: (host: Locator) => Promise<void>,
    { verdict = true }: { verdict?: boolean } = {},
  ): Promise<void> {
    const source = this.page.locator(`[data-vm-drag="${vmName}"]`);
    const target = this.page.locator(`[data-drop-host="${hostName}"]`);
    await source.scrollIntoViewIfNeeded();
    const from = await source.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error(`cannot see ${vmName} or ${hostName}`);
    await this.page.mouse.move(from.x + 20, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + 30, from.y + from.height / 2 + 10, { steps: 4 });
    await this.page.mouse.move(to.x + 40, to.y + to.height / 2, { steps: 12 });
    // While dragging, the target shows its precheck verdict once the checks are in.
    if (verdict) await target.and(this.page.locator('[data-verdict]:not([data-verdict=""])')).waitFor();
    await whileOver?.(target);
    await this.page.mouse.up();
  }

  /** What the drag and drop last told a screen reader (dnd-kit's live region). */
  dragAnnouncement(): Promise<string> {
    return this.page
      .locator('[id^="DndLiveRegion"]')
      .textContent()
      .then((t) => t ?? '');
  }

  /** A context menu's item by the start of its name (its secondary line follows the name). */
  menuItem(name: string): Locator {
    return this.page
      .getByRole('menu')
      .getByRole('menuitem')
      .filter({ has: this.page.locator('.MuiListItemText-primary', { hasText: name }) });
  }

  /** The line under a menu item's name: what it acts on, or why it is disabled. */
  async menuItemNote(name: string): Promise<string> {
    return (await this.menuItem(name).locator('.MuiListItemText-secondary').textContent()) ?? '';
  }

  /**
   * Keys alone in an open context menu: ↓ until the named item has the focus, then Enter. Disabled
   * items are skipped by the arrows, so an item that cannot be chosen is never reached.
   */
  async chooseFromMenuWithKeyboard(name: string): Promise<void> {
    const items = await this.page.getByRole('menu').getByRole('menuitem').count();
    for (let i = 0; i <= items; i++) {
      const focused = await this.menuItem(name).evaluate((e) => e === e.ownerDocument.activeElement);
      if (focused) return this.page.keyboard.press('Enter');
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`the arrows never reached "${name}" in the menu`);
  }

  /** The keyboard path: focus the item, then Shift+F10 opens its context menu. */
  async openMenuWithKeyboard(name: string): Promise<void> {
    await this.item(name).focus();
    await this.page.keyboard.press('Shift+F10');
    await this.page.getByRole('menu').waitFor();
  }
}
