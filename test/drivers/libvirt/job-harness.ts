// Two fake libvirt hosts (source A, destination B) with a guest on A's local pool, a journal that
// outlives drivers (a Ferry restart on the same data folder is a new driver on the same journal),
// and the job specs the engine would pass. For the driver's job tests.

import { afterEach } from 'vitest';
import type { MigrationJobSpec } from '../../../src/main/drivers/driver';
import type { LibvirtHostConfig } from '../../../src/main/drivers/libvirt/hosts/config';
import type { JobRecord } from '../../../src/main/drivers/libvirt/jobs/job-journal';
import { LibvirtDriver } from '../../../src/main/drivers/libvirt/libvirt-driver';
import { jobSpec } from '../../helpers/job-spec';
import { MemoryJournal } from '../../helpers/memory-journal';
import { FakeHost, Reason, State } from './fake-host';
import type { FakeDisk, FakePool } from './fake-jobs';
import { waitFor } from './rpc/fake-libvirtd';

export const VM = '6f1d2c3b-4a59-4e8f-9d0c-1b2a3c4d5e6f';
export const IMAGES = '/var/lib/libvirt/images';
const MiB = 1024 ** 2;

const drivers: LibvirtDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
});

export const pool = (name: string, path: string, uuid: string, disks: string[] = []): FakePool => ({
  name,
  uuid,
  path,
  volumes: new Map(disks.map((file) => [`${path}/${file}`, { name: file, capacity: 64 * MiB, allocation: MiB }])),
});

export interface Harness {
  A: FakeHost;
  B: FakeHost;
  idA: string;
  idB: string;
  journal: MemoryJournal;
  /** A new driver on the same hosts and journal: a Ferry (re)start. */
  driver(overrides?: { hostIds?: boolean }): LibvirtDriver;
  /** A shared-nothing move of the guest from A's local pool to B's. */
  bothSpec(overrides?: Partial<MigrationJobSpec>): MigrationJobSpec;
  computeSpec(overrides?: Partial<MigrationJobSpec>): MigrationJobSpec;
  /** A storage-only move of the guest's disks from A's local pool to its `fast` pool. */
  storageSpec(overrides?: Partial<MigrationJobSpec>): MigrationJobSpec;
  record(jobId: string): JobRecord | undefined;
  /** The migration landed: the guest runs on B (whole), A forgot it. */
  landOnB(): void;
  /** The guest keeps running whole on A; the job is gone (`how` the last job ended). */
  stayOnA(how: 'failed' | 'cancelled'): void;
}

export function harness(disks: FakeDisk[] = [{ target: 'vda', path: `${IMAGES}/vm.qcow2` }]): Harness {
  const A = new FakeHost('aaaaaaaa-0000-4000-8000-000000000001', 'kvm-a');
  const B = new FakeHost('bbbbbbbb-0000-4000-8000-000000000002', 'kvm-b');
  const [idA, idB] = [`libvirt:${A.uuid}`, `libvirt:${B.uuid}`];
  A.pools.push(
    pool(
      'local',
      IMAGES,
      'a0000000-0000-4000-8000-00000000000a',
      disks.map((d) => d.path.slice(IMAGES.length + 1)),
    ),
    pool('fast', '/fast', 'a0000000-0000-4000-8000-00000000000f'),
  );
  B.pools.push(pool('local', IMAGES, 'b0000000-0000-4000-8000-00000000000b'));
  A.addDomain({
    name: 'vm',
    uuid: VM,
    state: State.RUNNING,
    reason: Reason.RUNNING_BOOTED,
    persistent: true,
    disks: disks.map((d) => ({ ...d })),
  });
  const byUri = new Map([
    ['qemu+tcp://a/system', A],
    ['qemu+tcp://b/system', B],
  ]);
  const journal = new MemoryJournal();
  const config = (uri: string, host: FakeHost, withId: boolean): LibvirtHostConfig => ({
    uri,
    clusterId: 'c',
    ...(withId ? { hostId: `libvirt:${host.uuid}` } : {}),
  });
  return {
    A,
    B,
    idA,
    idB,
    journal,
    driver: (overrides = {}) => {
      const driver = new LibvirtDriver({
        hosts: [config('qemu+tcp://a/system', A, overrides.hostIds ?? true), config('qemu+tcp://b/system', B, overrides.hostIds ?? true)],
        journal,
        openClient: async (c) => {
          const host = byUri.get(c.uri);
          if (!host) throw new Error(`connect ECONNREFUSED ${c.uri}`);
          return host.open();
        },
      });
      drivers.push(driver);
      return driver;
    },
    bothSpec: (overrides = {}) => jobSpec(VM, idA, idB, { type: 'both', destDatastoreId: `libvirt-pool:${idB}/local`, ...overrides }),
    computeSpec: (overrides = {}) => jobSpec(VM, idA, idB, overrides),
    storageSpec: (overrides = {}) => jobSpec(VM, idA, idA, { type: 'storage', destDatastoreId: `libvirt-pool:${idA}/fast`, ...overrides }),
    record: (jobId) => journal.load(jobId) as JobRecord | undefined,
    landOnB: () => {
      const guest = A.domains.get(VM);
      A.domains.delete(VM);
      B.addDomain({
        name: 'vm',
        uuid: VM,
        state: State.RUNNING,
        reason: Reason.RUNNING_MIGRATED,
        persistent: true,
        disks: guest?.disks ?? [],
        completedJob: {
          type: 3,
          params: [
            { field: 'downtime', value: { type: 'ullong', value: 42n } },
            { field: 'memory_total', value: { type: 'ullong', value: 256n * 1024n * 1024n } },
          ],
        },
      });
    },
    stayOnA: (how) => {
      const guest = A.domains.get(VM);
      if (!guest) throw new Error('no guest on A');
      guest.job = undefined;
      guest.state = State.RUNNING;
      guest.reason = Reason.RUNNING_MIGRATION_CANCELED;
      guest.completedJob = { type: how === 'cancelled' ? 5 : 4, params: [] };
      B.domains.delete(VM);
    },
  };
}

/** Waits until the fake holds the migrate call (it arrives asynchronously). */
export const migrationCalled = (host: FakeHost): Promise<void> => waitFor(() => host.migrations.length > 0);
