import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/shared/model/inventory';
import { cpuUsageOf, memoryUsedOf, usageTotals, usageWithout, withMetrics } from '../../src/renderer/src/state/host-usage';

const host = (id: string, extra: Partial<Host> = {}): Host =>
  ({ id, name: id, cpuUsage: 0.1, memoryUsedBytes: 100, health: 'ok', connection: 'connected', ...extra }) as Host;

describe("hosts' CPU and memory use, kept beside the hosts", () => {
  const hosts = new Map([
    ['h1', host('h1')],
    ['h2', host('h2')],
  ]);

  it('renews the use and keeps the hosts (the same Map, the same objects) when only the use changed', () => {
    const { hosts: after, usage } = withMetrics(hosts, new Map(), { hosts: [['h1', 0.5, 300, 'ok', 'connected']] });
    expect(after).toBe(hosts);
    expect(cpuUsageOf(hosts.get('h1') as Host, usage)).toBe(0.5);
    expect(memoryUsedOf(hosts.get('h1') as Host, usage)).toBe(300);
    // A host without newer metrics reads its own.
    expect(cpuUsageOf(hosts.get('h2') as Host, usage)).toBe(0.1);
  });

  it('renews a host whose health or connection came with its metrics, and ignores hosts it does not know', () => {
    const { hosts: after, usage } = withMetrics(hosts, new Map(), {
      hosts: [
        ['h2', 0.2, 200, 'degraded', 'connected'],
        ['gone', 0.9, 900, 'ok', 'connected'],
      ],
    });
    expect(after).not.toBe(hosts);
    expect(after.get('h2')).toMatchObject({ health: 'degraded' });
    expect(after.get('h1')).toBe(hosts.get('h1'));
    expect(usage.has('gone')).toBe(false);
  });

  it('drops the kept use of a host main sent again (its own is newer), and keeps the Map when there is none', () => {
    const { usage } = withMetrics(hosts, new Map(), { hosts: [['h1', 0.5, 300, 'ok', 'connected']] });
    expect(usageWithout(usage, ['h2'])).toBe(usage);
    expect(usageWithout(usage, ['h1']).has('h1')).toBe(false);
  });

  it('sums the use of the hosts that report it: one Ferry is not connected to is not counted as idle', () => {
    const three = [
      host('h1', { memoryBytes: 1000 }),
      host('h2', { memoryBytes: 1000 }),
      host('dead', { memoryBytes: 1000, cpuUsage: 0, memoryUsedBytes: 0, connection: 'disconnected' }),
    ];
    const { usage } = withMetrics(new Map(three.map((h) => [h.id, h])), new Map(), { hosts: [['h2', 0.3, 500, 'ok', 'connected']] });
    expect(usageTotals(three, usage)).toEqual({ reporting: 2, unreported: 1, memoryBytes: 2000, memoryUsedBytes: 600, cpuAverage: 0.2 });
    expect(usageTotals([three[2] as Host], usage).cpuAverage).toBeNull();
  });
});
