// What the engine hands a driver from a task's options: the encrypted-stream choice travels as is,
// and a task saved before the option existed (no field) migrates unencrypted.

import { describe, expect, it } from 'vitest';
import { jobSpecFor } from '../../src/main/engine/run/run-context';
import { defaultConvergencePolicy, type Task } from '../../src/shared/model/migration';

const task = (options: Task['options']) =>
  ({
    id: 't1',
    vmId: 'vm',
    type: 'compute',
    sourceHostId: 'a',
    destHostId: 'b',
    destDatastoreId: null,
    options,
    cold: false,
  }) as unknown as Task;

describe('jobSpecFor', () => {
  it('passes the encrypted-stream option to the driver, off when absent', () => {
    const base = { bandwidthLimitBps: null, convergence: defaultConvergencePolicy };
    expect(jobSpecFor(task({ ...base, encryptStream: true }), true, false).encryptStream).toBe(true);
    expect(jobSpecFor(task({ ...base, encryptStream: false }), true, false).encryptStream).toBe(false);
    expect(jobSpecFor(task(base), true, false).encryptStream).toBe(false);
  });
});
