import { describe, expect, it, vi } from 'vitest';
import type { InventorySnapshot } from '../../src/shared/model/inventory';

// The browser shell's socket, dropped (a frozen tab past its ping) and back: the events sent
// meanwhile are lost, so the stores must load the inventory and the tasks again.
const bridge = vi.hoisted(() => {
  const reconnects: (() => void)[] = [];
  const calls: string[] = [];
  let snapshot: unknown = null;
  return {
    reconnects,
    calls,
    setSnapshot: (s: unknown) => void (snapshot = s),
    invoke: async (name: string): Promise<unknown> => {
      calls.push(name);
      return name === 'inventory.snapshot' ? snapshot : [];
    },
  };
});
vi.mock('../../src/renderer/src/api/client', () => ({
  api: { invoke: bridge.invoke, on: () => () => undefined },
  onReconnect: (listener: () => void) => {
    bridge.reconnects.push(listener);
    return () => undefined;
  },
}));

// Imported by a path held in a variable: the stores reach the DOM's types (window), which the Node
// tsconfig that checks the tests does not have; vitest loads them all the same.
const stores = '../../src/renderer/src/state/';
const { currentInventory, startInventory } = (await import(/* @vite-ignore */ `${stores}inventory-store`)) as {
  currentInventory: () => { vms: Map<string, { hostId: string }> };
  startInventory: () => void;
};
const { startTasks } = (await import(/* @vite-ignore */ `${stores}tasks-store`)) as { startTasks: () => void };

const snapshotWithVmOn = (hostId: string): InventorySnapshot =>
  ({
    datacenters: [],
    clusters: [],
    hosts: [
      { id: 'h0', name: 'h0' },
      { id: 'h1', name: 'h1' },
    ],
    vms: [{ id: 'vm0', name: 'vm0', hostId, tags: [], cpuFeatures: 0 }],
    cpuFeatureSets: [[]],
    datastores: [],
    networks: [],
  }) as unknown as InventorySnapshot;

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('a tab whose connection was dropped and came back', () => {
  it('loads the inventory snapshot and the tasks again, so what happened meanwhile shows', async () => {
    bridge.setSnapshot(snapshotWithVmOn('h0'));
    startInventory();
    startTasks();
    await settle();
    expect(currentInventory().vms.get('vm0')?.hostId).toBe('h0');

    // While the socket was down the VM moved; its delta never arrived.
    bridge.setSnapshot(snapshotWithVmOn('h1'));
    for (const reconnected of bridge.reconnects) reconnected();
    await settle();

    expect(bridge.calls.filter((c) => c === 'inventory.snapshot')).toHaveLength(2);
    expect(bridge.calls.filter((c) => c === 'tasks.list')).toHaveLength(2);
    expect(currentInventory().vms.get('vm0')?.hostId).toBe('h1');
  });
});
