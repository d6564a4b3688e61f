import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seriousViolations, type Violation } from './a11y/axe';
import { views } from './a11y/views';
import { acknowledgedRequest, BridgeClient } from './bridge-client';
import { artifactsDir, screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { TasksPage } from './pages/Tasks';
import { useSharedConsole } from './shared-console';

// FERRY_README_SCREENSHOT=1 also refreshes the README's screenshot (docs/console.png) from this run.
const readmeScreenshot = resolve(__dirname, '../../docs/console.png');

describe('accessibility: every view, light and dark, has no serious or critical axe violation', () => {
  // The console's CSP forbids injected scripts, rightly; only this test's page lets axe in.
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 }, { bypassCSP: true });

  it('a finished migration first, so Tasks, Audit and the VM history have rows to check', async () => {
    const { page, app } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost('DC0_C0_H0_VM5', 'DC0_C0_H2');
    await new MigrationWizardPage(page).finishFromCurrentStep();
    await new TasksPage(page).waitForState('DC0_C0_H0_VM5', 'Completed');
    // A batch of two as well: its records link to it in the Audit grid's Operation column (review 10, 10).
    const client = await BridgeClient.connect(app.url);
    const target = { vmIds: ['DC0_C0_H1_VM0', 'DC0_C0_H1_VM2'], destHostId: 'DC0_C0_H2', type: 'compute' as const, destDatastoreId: null };
    await client.invoke('migration.start', await acknowledgedRequest(client, target));
    client.close();
    for (const vm of ['DC0_C0_H1_VM0', 'DC0_C0_H1_VM2']) await new TasksPage(page).waitForState(vm, 'Completed');
  });

  for (const scheme of ['light', 'dark'] as const)
    it(`scans each view in the ${scheme} theme (and screenshots it)`, { timeout: 300_000 }, async () => {
      const { page, consoleErrors } = session();
      await page.emulateMedia({ colorScheme: scheme });
      const found: Record<string, Violation[]> = {};
      for (const view of views) {
        await view.open(page);
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[view.name] = violations;
        await screenshot(page, `view-${view.name}-${scheme}`);
        if (scheme === 'light' && view.name === 'summary-host' && process.env.FERRY_README_SCREENSHOT === '1')
          copyFileSync(join(artifactsDir, 'screenshots', `view-${view.name}-${scheme}.png`), readmeScreenshot);
        await view.close?.(page);
      }
      expect(found).toEqual({});
      expect(consoleErrors).toEqual([]);
    });
});
