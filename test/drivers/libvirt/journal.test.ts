// Everything recovery needs is in the journal before it takes effect: the plan before any volume,
// "creating <path>" before each volume exists, the job's identity before the migrate call or the
// first block copy. A crash between creating a volume and recording it leaks nothing.

import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../src/main/drivers/libvirt/jobs/job-journal';
import { harness, IMAGES, migrationCalled, VM } from './job-harness';

/** Each journal write with what the hosts had done by then. */
function watchWrites(h: ReturnType<typeof harness>): { record: JobRecord; doneOnA: string[]; doneOnB: string[] }[] {
  const seen: { record: JobRecord; doneOnA: string[]; doneOnB: string[] }[] = [];
  const save = h.journal.save.bind(h.journal);
  h.journal.save = (jobId, record) => {
    save(jobId, record);
    seen.push({ record: h.journal.load(jobId) as JobRecord, doneOnA: [...h.A.log], doneOnB: [...h.B.log] });
  };
  return seen;
}

describe('the driver journal', () => {
  it('records the plan, each volume intent, and the job before they take effect', async () => {
    const h = harness();
    const writes = watchWrites(h);
    const spec = h.bothSpec({ bandwidthLimitBps: 3 * 1024 ** 2 });
    const driver = h.driver();
    await driver.reserveDestination(spec);
    await driver.startMigration(spec);
    await migrationCalled(h.A);
    const path = `${IMAGES}/vm.qcow2`;

    const plan = writes.find((w) => w.record.reservation.moves.length > 0);
    expect(plan?.doneOnB).toEqual([]);
    expect(plan?.record.reservation.moves).toEqual([expect.objectContaining({ target: 'vda', sourcePath: path, destPath: path })]);
    const intent = writes.find((w) => w.record.reservation.creating === path);
    expect(intent?.doneOnB).not.toContain(`create ${path}`);
    const made = writes.find((w) => w.record.reservation.created.includes(path));
    expect(made?.doneOnB).toContain(`create ${path}`);
    const identity = writes.find((w) => w.record.job !== null);
    expect(identity?.doneOnA.some((l) => l.startsWith('migrate'))).toBe(false);
    expect(identity?.record.job).toMatchObject({
      kind: 'migration',
      domain: { uuid: VM, name: 'vm' },
      destinationUri: 'qemu+tcp://b/system',
      copiesDisks: true,
      params: { migrateUri: 'tcp://b', bandwidthMiBs: 3, migrateDisks: ['vda'] },
    });
    expect(identity?.record.spec).toEqual(spec);
    // Flags as libvirt got them (peer-to-peer, live, persist, undefine, copy-storage).
    const call = h.A.migrations[0];
    expect(identity?.record.job?.kind === 'migration' && identity.record.job.flags).toBe(call?.flags);
  });

  it('records a block copy before the first copy starts, and never journals the domain definitions', async () => {
    const h = harness();
    const writes = watchWrites(h);
    const spec = h.storageSpec();
    const driver = h.driver();
    await driver.reserveDestination(spec);
    await driver.startMigration(spec);
    const identity = writes.find((w) => w.record.job !== null);
    expect(identity?.record.job).toMatchObject({ kind: 'block-copy', domain: { uuid: VM, name: 'vm' } });
    expect(identity?.doneOnA.some((l) => l.startsWith('blockcopy'))).toBe(false);
    expect(JSON.stringify(writes.map((w) => w.record))).not.toContain('<domain');
  });

  it('after a crash between creating a volume and recording it, the release deletes it (it is ours)', async () => {
    const h = harness();
    const spec = h.bothSpec();
    const first = h.driver();
    await first.reserveDestination(spec);
    // Play the crash: the volume exists, the journal still says "creating".
    const path = `${IMAGES}/vm.qcow2`;
    h.journal.save(spec.jobId, {
      ...h.record(spec.jobId),
      reservation: { ...h.record(spec.jobId)!.reservation, created: [], creating: path, complete: false },
    });
    await first.close();
    const second = h.driver();
    await expect(second.jobProgress(spec.jobId)).rejects.toMatchObject({ code: 'NOT_FOUND' }); // it never started
    await second.releaseDestination(spec);
    expect(h.B.log).toEqual([`create ${path}`, `delete ${path}`]);
    expect(h.record(spec.jobId)).toBeUndefined();
  });

  it('finishes an interrupted reservation, taking the file it was creating as its own, and refuses a stranger', async () => {
    const h = harness();
    const spec = h.bothSpec();
    const driver = h.driver();
    await driver.reserveDestination(spec);
    const path = `${IMAGES}/vm.qcow2`;
    h.journal.save(spec.jobId, {
      ...h.record(spec.jobId),
      reservation: { ...h.record(spec.jobId)!.reservation, created: [], creating: path, complete: false },
    });
    await driver.reserveDestination(spec);
    expect(h.record(spec.jobId)?.reservation).toMatchObject({ created: [path], creating: null, complete: true });
    // Another job for the same disk finds a file it did not create.
    await expect(driver.reserveDestination(h.bothSpec())).rejects.toMatchObject({ code: 'DESTINATION_FAILED' });
    expect(h.B.log.filter((l) => l.startsWith('delete'))).toEqual([]);
  });
});
