import { describe, expect, it } from 'vitest';
import { DownloadRegistry, maxPendingDownloads } from '../../../src/main/browser/downloads';

const produce = async (): Promise<void> => undefined;

describe('download tickets never fetched', () => {
  it('expire: the registry forgets them instead of growing', async () => {
    let now = Date.parse('2026-06-01T12:00:00Z');
    const registry = new DownloadRegistry(() => now);
    for (let i = 0; i < 50; i++) await registry.save(`audit-${i}.csv`, 'text/csv', produce);
    expect(registry.pendingCount()).toBe(50);
    now += 6 * 60_000;
    await registry.save('late.csv', 'text/csv', produce);
    expect(registry.pendingCount()).toBe(1);
  });

  it('are bounded in number even within their lifetime', async () => {
    const registry = new DownloadRegistry(() => 0);
    for (let i = 0; i < 1000; i++) await registry.save(`audit-${i}.csv`, 'text/csv', produce);
    expect(registry.pendingCount()).toBeLessThanOrEqual(maxPendingDownloads);
  });
});
