// One failed inventory read must not make a host degraded (with an "evacuate" policy that empties
// it): health changes after a run of consecutive failed reads, and says which.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostSnapshot } from '../../../src/main/drivers/libvirt/hosts/host-snapshot';
import { silentLogger } from '../../../src/main/base/logger';

const reads = vi.hoisted(() => ({ fail: false }));
vi.mock('../../../src/main/drivers/libvirt/inventory/host-inventory', () => ({
  readHostSnapshot: async () => {
    if (reads.fail) throw new Error('virConnectListAllDomains: connection reset');
    return snap;
  },
}));
vi.mock('../../../src/main/drivers/libvirt/inventory/metrics', async (original) => ({
  ...(await original()),
  sampleHost: async () => ({ cpu: { idle: 0n, total: 0n }, memoryUsedBytes: 0 }),
}));

const { InventoryReader } = await import('../../../src/main/drivers/libvirt/inventory/inventory-reader');
const { FAILED_READS_BEFORE_DEGRADED } = await import('../../../src/main/drivers/libvirt/inventory/host-health');

const H1 = 'libvirt:11111111-1111-1111-1111-111111111111';
const snap: HostSnapshot = {
  hostId: H1,
  name: 'h1',
  clusterId: 'lab',
  takenAt: 0,
  memoryBytes: 8 * 1024 ** 3,
  virtType: 'qemu',
  arch: 'x86_64',
  hostModelCpuXml: null,
  cpu: { vendor: 'amd', family: 25, model: 1, modelName: 'EPYC', features: ['lm'], cores: 2 },
  pools: [],
  networks: [],
  interfaces: [],
  domains: [],
};

function reader() {
  const connection = {
    hostId: H1,
    state: 'connected',
    session: { client: {} },
    config: { clusterId: 'lab', clusterName: 'lab' },
    label: 'h1',
  };
  const registry = {
    connections: [connection],
    snapshots: new Map<string, HostSnapshot>(),
    ready: async () => undefined,
    byHost: () => new Map([[H1, connection]]),
    connected: () => [],
  };
  const dirtyRates = { roundWithin: async () => undefined, latest: () => undefined, retain: () => undefined };
  return new InventoryReader('libvirt', registry as never, {} as never, new Set(), silentLogger, dirtyRates as never, () => false);
}

describe('a host whose inventory cannot be read', () => {
  beforeEach(() => {
    reads.fail = false;
  });

  it(`stays ok after fewer than 3 failed reads in a row, and turns degraded with the reason after the run`, async () => {
    const r = reader();
    expect((await r.discover()).hosts[0]?.health).toBe('ok');
    reads.fail = true;
    for (let i = 1; i < FAILED_READS_BEFORE_DEGRADED; i++) {
      const host = (await r.discover()).hosts[0];
      expect(host?.health).toBe('ok');
      expect((await r.metrics())[0]?.health).toBe('ok');
    }
    const host = (await r.discover()).hosts[0];
    expect(host?.health).toBe('degraded');
    expect(host?.healthReason).toMatch(/3 inventory reads in a row failed.*connection reset/);
    expect((await r.metrics())[0]?.health).toBe('degraded');
    // One good read brings it back.
    reads.fail = false;
    const back = (await r.discover()).hosts[0];
    expect(back?.health).toBe('ok');
    expect(back?.healthReason ?? null).toBeNull();
  });

  it('counts only failures in a row: a good read in between starts the count again', async () => {
    const r = reader();
    expect((await r.discover()).hosts[0]?.health).toBe('ok');
    for (let round = 0; round < 3; round++) {
      reads.fail = true;
      for (let i = 1; i < FAILED_READS_BEFORE_DEGRADED; i++) expect((await r.discover()).hosts[0]?.health).toBe('ok');
      reads.fail = false;
      expect((await r.discover()).hosts[0]?.health).toBe('ok');
    }
  });
});
