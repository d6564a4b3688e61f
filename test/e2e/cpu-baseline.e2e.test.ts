import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { useConsole } from './fixtures';
import { ClusterSummaryPage } from './pages/ClusterSummary';
import { InventoryPage } from './pages/Inventory';
import { VmSummaryPage } from './pages/VmSummary';

describe('cluster CPU baseline in the console', () => {
  const open = useConsole();

  it("sets a cluster's baseline from its summary, lists the guests beyond it, and applies it to one at its next power cycle", async () => {
    const { page, consoleErrors } = await open({ preset: 'demo' });
    const inventory = new InventoryPage(page);
    const cluster = new ClusterSummaryPage(page);
    const vm = new VmSummaryPage(page);
    await inventory.select('DC0_C0');
    await cluster.baseline.waitFor();
    expect(await vm.fact('CPU baseline').textContent()).toBe('off');
    await cluster.baseline.getByLabel('Computed baseline').filter({ hasText: 'Cascadelake-Server' }).waitFor();
    expect(await cluster.baseline.getByLabel('Computed baseline').textContent()).toContain('limited by DC0_C0_H0, DC0_C0_H1');

    await cluster.choose(/The hosts' baseline/);
    await vm.fact('CPU baseline').filter({ hasText: 'Cascadelake-Server (set)' }).waitFor();
    await cluster.guestsBeyond().filter({ hasText: 'DC0_C0_H2_VM0' }).waitFor();
    await screenshot(page, 'cluster-cpu-baseline');

    await inventory.expand('DC0_C0_H2');
    await inventory.select('DC0_C0_H2_VM0');
    const panel = page.getByRole('group', { name: 'VM CPU baseline' });
    await panel.getByRole('button', { name: 'Apply the baseline CPU at next power cycle' }).click();
    await panel.getByRole('alert').filter({ hasText: 'CPU change pending until power cycle: Cascadelake-Server' }).waitFor();
    expect(await vm.fact('CPU model').textContent()).toContain('Cascadelake-Server pending until power cycle');
    expect(await panel.getByRole('button', { name: 'Apply the baseline CPU at next power cycle' }).isDisabled()).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
