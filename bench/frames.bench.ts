import { it } from 'vitest';
import { BridgeClient } from '../test/e2e/bridge-client';
import { ConsoleApp, launchChromium } from '../test/e2e/console-app';
import { record, size, smoke } from './harness';
import { startRunningMoves } from './running-moves';

/** Frame times in Chromium while the Tasks view shows many live migrations of the large preset. */
it('keeps the tasks view smooth with 200 running migrations', async () => {
  const app = new ConsoleApp({ preset: smoke ? 'demo' : 'large' });
  const { browser, dispose } = await launchChromium();
  try {
    const url = await app.start();
    const client = await BridgeClient.connect(url);
    const inventory = await client.invoke('inventory.snapshot', {});
    const started = await startRunningMoves(client, size(200, 6), smoke);
    client.close();

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    await page.getByRole('tab', { name: 'Tasks' }).click();
    // The Recent tasks pane says it too; either one means the console shows them all.
    await page.getByText(`${started} running`).first().waitFor({ timeout: 60_000 });
    const frames = await page.evaluate(async () => {
      const grid = document.querySelector('.MuiDataGrid-virtualScroller');
      const deltas: number[] = [];
      let last = performance.now();
      const end = last + 5000;
      await new Promise<void>((resolve) => {
        const tick = (now: number) => {
          deltas.push(now - last);
          last = now;
          // Scroll back and forth so virtualization and live updates are both exercised.
          if (grid) grid.scrollTop = (Math.sin(now / 400) + 1) * 1500;
          if (now < end) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      return deltas;
    });
    const sorted = [...frames].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const label = `ui: tasks view frame time with ${started} running migrations (${inventory.hosts.length} hosts, ${inventory.vms.length} VMs)`;
    record({ name: `${label}, p50`, value: at(0.5), unit: 'ms', goal: smoke ? null : 16.7, better: 'lower' });
    record({ name: `${label}, p95`, value: at(0.95), unit: 'ms', goal: smoke ? null : 50, better: 'lower' });
    record({
      name: `${label}, frames over 100 ms`,
      value: frames.filter((f) => f > 100).length,
      unit: 'frames',
      goal: smoke ? null : 5,
      better: 'lower',
    });
  } finally {
    await dispose();
    await app.dispose();
  }
});
