import type { Page } from 'playwright-core';
import { HostsPage } from '../pages/Hosts';
import { InventoryPage } from '../pages/Inventory';
import { MigrationWizardPage } from '../pages/MigrationWizard';
import { SearchPage } from '../pages/Search';

/**
 * Every view of the console, each opened from the main window with no dialog open; `close` undoes
 * what `open` left on screen. The accessibility scan and the screenshots go through this list:
 * a new view is one more line here.
 */
export interface ConsoleView {
  name: string;
  open(page: Page): Promise<void>;
  close?(page: Page): Promise<void>;
}

const summaryOf = (name: string) => async (page: Page) => {
  const inventory = new InventoryPage(page);
  await inventory.select(name);
  // A click on a datacenter or cluster also folds it: open it again for the next views.
  if ((await inventory.item(name).getAttribute('aria-expanded')) === 'false') await inventory.expand(name);
  await page.getByRole('tab', { name: 'Summary' }).click();
  await page.getByRole('main').getByRole('heading', { name, exact: true }).waitFor();
};

const listSummary = (view: 'Datastores' | 'Networks', name: string) => async (page: Page) => {
  await page.getByRole('button', { name: view, exact: true }).click();
  await page
    .getByRole('list', { name: view })
    .getByRole('button', { name: new RegExp(`^${name}\\b`) })
    .click();
  await page.getByRole('tab', { name: 'Summary' }).click();
  await page.getByRole('main').getByRole('heading').first().waitFor();
};
const backToTree = async (page: Page) => {
  await page.getByRole('button', { name: 'Hosts and VMs', exact: true }).click();
};

const tab = (name: string, ready: (page: Page) => Promise<unknown>) => async (page: Page) => {
  await page.getByRole('tab', { name, exact: true }).click();
  // Views load their code on first use: scan the view, not its spinner.
  await page.getByRole('status', { name: /^Loading / }).waitFor({ state: 'detached' });
  await ready(page);
};

const escape = async (page: Page) => {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
};

/** The wizard for one VM bound for DC0_C0_H3, on the given step. */
const wizardStep = (step: string) => async (page: Page) => {
  const inventory = new InventoryPage(page);
  await inventory.expand('DC0_C0_H3');
  await inventory.item('DC0_C0_H3_VM4').focus();
  await page.keyboard.press('Control+m');
  const wizard = new MigrationWizardPage(page);
  await wizard.waitOpen();
  await wizard.chooseHost('DC0_C0_H2');
  await wizard.goTo(step);
  if (step === 'Ready to complete') await wizard.dialog.getByRole('table', { name: 'Prediction' }).waitFor();
};
const closeWizard = async (page: Page) => {
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
};

export const views: ConsoleView[] = [
  { name: 'summary-all', open: tab('Summary', (p) => p.getByRole('main').getByRole('heading').first().waitFor()) },
  { name: 'summary-datacenter', open: summaryOf('DC0') },
  { name: 'summary-cluster', open: summaryOf('DC0_C0') },
  { name: 'summary-host', open: summaryOf('DC0_C0_H0') },
  { name: 'summary-vm', open: async (p) => (await new InventoryPage(p).expand('DC0_C0_H0'), summaryOf('DC0_C0_H0_VM1')(p)) },
  { name: 'summary-datastore', open: listSummary('Datastores', 'DC0_C0_DS0'), close: backToTree },
  { name: 'summary-network', open: listSummary('Networks', 'DC0_C0_PG0'), close: backToTree },
  {
    name: 'vm-list',
    // With the keyboard on its second row (the grid's one Tab stop moved off the first), and two rows selected.
    open: tab('VMs', async (p) => {
      const firstRow = p.getByRole('grid', { name: 'Virtual machines' }).locator('.body [role="row"]').first();
      await firstRow.focus();
      await p.keyboard.press('Space');
      await p.keyboard.press('Shift+ArrowDown');
      await p.locator('.body [role="row"][aria-rowindex="3"][aria-selected="true"]:focus').waitFor();
    }),
  },
  { name: 'tasks', open: tab('Tasks', (p) => p.getByRole('grid', { name: 'Migration tasks' }).waitFor()) },
  { name: 'scheduled', open: tab('Scheduled', (p) => p.getByRole('tabpanel').or(p.getByRole('main')).first().waitFor()) },
  { name: 'audit', open: tab('Audit', (p) => p.getByRole('grid', { name: 'Audit records' }).waitFor()) },
  {
    name: 'recommendations',
    open: tab('Recommendations', (p) =>
      p
        .getByRole('region', { name: /^Cluster / })
        .first()
        .waitFor(),
    ),
  },
  {
    name: 'settings-dialog',
    open: async (p) => {
      await p.getByRole('button', { name: 'Settings' }).click();
      await p.getByRole('dialog', { name: 'Settings' }).waitFor();
    },
    close: escape,
  },
  { name: 'hosts-dialog', open: (p) => new HostsPage(p).open(), close: escape },
  {
    // The open search list: options named by their words, a list that scrolls (review 5, 15).
    name: 'search-open',
    open: (p) => new SearchPage(p).find('DC0'),
    close: async (p) => {
      await p.keyboard.press('Escape');
      await new SearchPage(p).results.waitFor({ state: 'hidden' });
    },
  },
  {
    name: 'context-menu-cluster',
    open: async (p) => void (await new InventoryPage(p).openMenu('DC0_C0')),
    close: async (p) => {
      await p.keyboard.press('Escape');
      await p.getByRole('menu').waitFor({ state: 'detached' });
    },
  },
  { name: 'wizard-vms', open: wizardStep('Virtual machines'), close: closeWizard },
  { name: 'wizard-type', open: wizardStep('Migration type'), close: closeWizard },
  { name: 'wizard-destination', open: wizardStep('Destination'), close: closeWizard },
  { name: 'wizard-datastore', open: wizardStep('Datastore'), close: closeWizard },
  { name: 'wizard-network', open: wizardStep('Network'), close: closeWizard },
  { name: 'wizard-options', open: wizardStep('Priority and options'), close: closeWizard },
  { name: 'wizard-schedule', open: wizardStep('Schedule'), close: closeWizard },
  { name: 'wizard-ready', open: wizardStep('Ready to complete'), close: closeWizard },
];
