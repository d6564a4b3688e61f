import { afterEach, describe, expect, it } from 'vitest';
import { DriverError, type HypervisorDriver, type JobProgress, type MigrationJobSpec } from '../../src/main/drivers/driver';
import { jobSpec } from '../helpers/job-spec';

/** What a driver under test provides: a running migratable VM and two hosts, and a way to let time pass. */
export interface ConformanceFixture {
  driver: HypervisorDriver;
  vmId: string;
  sourceHostId: string;
  destHostId: string;
  /** A running VM on storage the destination does not see, with a datastore to copy it to. */
  localDiskVm?: { vmId: string; destDatastoreId: string };
  /** Lets (virtual or real) time pass. */
  wait(ms: number): Promise<void>;
  cleanup(): Promise<void>;
}

const spec = (f: ConformanceFixture, overrides: Partial<MigrationJobSpec> = {}): MigrationJobSpec =>
  jobSpec(f.vmId, f.sourceHostId, f.destHostId, overrides);

async function waitFor(
  f: ConformanceFixture,
  jobId: string,
  until: (p: JobProgress) => boolean,
  limitMs = 300_000,
): Promise<JobProgress[]> {
  const seen: JobProgress[] = [];
  for (let waited = 0; waited <= limitMs; waited += 200) {
    const progress = await f.driver.jobProgress(jobId);
    seen.push(progress);
    if (until(progress)) return seen;
    await f.wait(200);
  }
  throw new Error(`job ${jobId} did not reach the expected state; last status ${seen.at(-1)?.status}`);
}

const done = (p: JobProgress): boolean => p.status === 'completed' || p.status === 'failed' || p.status === 'cancelled';

/** The contract every HypervisorDriver must keep; run against the sim in CI and against the libvirt lab. */
export function describeDriverConformance(name: string, setup: () => Promise<ConformanceFixture>): void {
  describe(`driver conformance: ${name}`, () => {
    let fixture: ConformanceFixture | null = null;
    const open = async (): Promise<ConformanceFixture> => (fixture = await setup());
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = null;
    });

    it('reports an inventory whose references all resolve', async () => {
      const f = await open();
      const found = await f.driver.discover();
      const hosts = new Set(found.hosts.map((h) => h.id));
      const stores = new Set(found.datastores.map((d) => d.id));
      const clusters = new Set(found.clusters.map((c) => c.id));
      expect(hosts.has(f.sourceHostId) && hosts.has(f.destHostId)).toBe(true);
      for (const h of found.hosts) {
        expect(clusters.has(h.clusterId)).toBe(true);
        for (const d of h.datastoreIds) expect(stores.has(d)).toBe(true);
        expect(h.memoryBytes).toBeGreaterThan(0);
        expect(h.cpu.cores).toBeGreaterThan(0);
      }
      for (const vm of found.vms) {
        expect(hosts.has(vm.hostId)).toBe(true);
        for (const d of vm.disks) expect(stores.has(d.datastoreId)).toBe(true);
      }
      for (const c of found.clusters) expect(found.datacenters.some((d) => d.id === c.datacenterId)).toBe(true);
      for (const value of Object.values(f.driver.capabilities)) expect(typeof value).toBe('boolean');
    });

    it('reports metrics for every host within range', async () => {
      const f = await open();
      const found = await f.driver.discover();
      const metrics = await f.driver.metrics();
      expect(metrics.map((m) => m.hostId).sort()).toEqual(found.hosts.map((h) => h.id).sort());
      for (const m of metrics) {
        expect(m.cpuUsage).toBeGreaterThanOrEqual(0);
        expect(m.cpuUsage).toBeLessThanOrEqual(1);
        expect(m.memoryUsedBytes).toBeLessThanOrEqual(found.hosts.find((h) => h.id === m.hostId)!.memoryBytes);
      }
    });

    it('live-migrates a running VM: it ends running once, on the destination, still the same guest', async () => {
      const f = await open();
      const before = await f.driver.probeVm(f.vmId, f.sourceHostId);
      expect(before.alive).toBe(true);
      const job = spec(f);
      const events: string[] = [];
      const unsubscribe = f.driver.subscribe((e) => e.kind === 'job-changed' && e.jobId === job.jobId && events.push(e.status));
      await f.driver.reserveDestination(job);
      await f.driver.startMigration(job);
      const seen = await waitFor(f, job.jobId, done);
      unsubscribe();
      const last = seen.at(-1)!;
      expect(last.status).toBe('completed');
      expect(last.switchedOver).toBe(true);
      expect(last.downtimeMs).not.toBeNull();
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.memoryProcessedBytes).toBeGreaterThanOrEqual(seen[i - 1]!.memoryProcessedBytes);
      expect(events).toContain('completed');
      await f.driver.removeLeftovers(job, f.sourceHostId);
      const placements = await f.driver.locateVm(f.vmId);
      expect(placements.filter((p) => p.power === 'running')).toEqual([{ hostId: f.destHostId, power: 'running', copy: 'whole' }]);
      expect(placements.some((p) => p.hostId === f.sourceHostId)).toBe(false);
      const after = await f.driver.probeVm(f.vmId, f.destHostId);
      expect(after.alive).toBe(true);
      expect(after.bootId).toBe(before.bootId);
      await expect(f.driver.cancelMigration(job.jobId)).rejects.toBeInstanceOf(DriverError);
    });

    it('cancels a migration before switchover: the VM keeps running on its source', async () => {
      const f = await open();
      const before = await f.driver.probeVm(f.vmId, f.sourceHostId);
      // A low bandwidth keeps the copy going long enough to cancel it mid-way.
      const job = spec(f, { bandwidthLimitBps: 8 * 1024 * 1024 });
      await f.driver.reserveDestination(job);
      await f.driver.startMigration(job);
      await waitFor(f, job.jobId, (p) => p.memoryProcessedBytes > 0 || done(p));
      await f.driver.cancelMigration(job.jobId);
      const last = (await waitFor(f, job.jobId, done)).at(-1)!;
      expect(last.status).toBe('cancelled');
      expect(last.switchedOver).toBe(false);
      await f.driver.releaseDestination(job);
      const placements = await f.driver.locateVm(f.vmId);
      expect(placements).toEqual([{ hostId: f.sourceHostId, power: 'running', copy: 'whole' }]);
      const after = await f.driver.probeVm(f.vmId, f.sourceHostId);
      expect(after.alive).toBe(true);
      expect(after.bootId).toBe(before.bootId);
    });

    it('names a missing job with a typed error', async () => {
      const f = await open();
      await expect(f.driver.jobProgress('no-such-job')).rejects.toMatchObject({ name: 'DriverError', code: 'NOT_FOUND' });
    });

    it('copies disks when storage is not shared (when the driver can)', async () => {
      const f = await open();
      if (!f.driver.capabilities.sharedNothingMigration || !f.localDiskVm) {
        expect(f.driver.capabilities.sharedNothingMigration && f.localDiskVm).toBeFalsy();
        return;
      }
      const { vmId, destDatastoreId } = f.localDiskVm;
      const job = spec(f, { vmId, type: 'both', destDatastoreId });
      await f.driver.reserveDestination(job);
      await f.driver.startMigration(job);
      const seen = await waitFor(f, job.jobId, done);
      expect(seen.at(-1)!.status).toBe('completed');
      expect(seen.some((p) => p.diskProcessedBytes > 0)).toBe(true);
      await f.driver.removeLeftovers(job, f.sourceHostId);
      const vm = (await f.driver.discover()).vms.find((v) => v.id === vmId)!;
      expect(vm.hostId).toBe(f.destHostId);
      for (const disk of vm.disks) expect(disk.datastoreId).toBe(destDatastoreId);
    });

    it('switches to post-copy on request (when the driver can)', async () => {
      const f = await open();
      if (!f.driver.capabilities.postCopy) return expect(f.driver.startPostCopy('x')).rejects.toBeInstanceOf(DriverError);
      const job = spec(f, { postCopyAllowed: true, bandwidthLimitBps: 16 * 1024 * 1024 });
      await f.driver.reserveDestination(job);
      await f.driver.startMigration(job);
      await waitFor(f, job.jobId, (p) => p.status === 'memory' || done(p));
      await f.driver.startPostCopy(job.jobId);
      const last = (await waitFor(f, job.jobId, done)).at(-1)!;
      expect(last.status).toBe('completed');
      expect(last.switchedOver).toBe(true);
      await f.driver.removeLeftovers(job, f.sourceHostId);
      expect((await f.driver.locateVm(f.vmId)).filter((p) => p.power === 'running')).toEqual([
        { hostId: f.destHostId, power: 'running', copy: 'whole' },
      ]);
    });
  });
}
