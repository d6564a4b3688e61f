import { describe, expect, it } from 'vitest';
import { noticeFor } from '../../src/main/app/notices';
import type { InventoryService } from '../../src/main/engine/fleet/inventory-service';
import type { Task } from '../../src/shared/model/migration';

const inventory = { host: (id: string) => ({ name: id }) } as unknown as InventoryService;
const task = (over: Partial<Task>): Task =>
  ({
    id: 't1',
    vmName: 'DC0_C0_H0_VM4',
    type: 'compute',
    sourceHostId: 'DC0_C0_H0',
    destHostId: 'DC0_C0_H2',
    state: 'completed',
    cold: false,
    error: null,
    problems: [],
    ...over,
  }) as Task;

describe('the notice when a migration ends', () => {
  it('a running VM migrated and now runs on the destination', () => {
    expect(noticeFor(task({}), inventory)).toMatchObject({ title: 'DC0_C0_H0_VM4 migrated', body: 'It now runs on DC0_C0_H2.' });
  });

  it('a powered-off VM moved and is on the destination, it does not run there (new-user review)', () => {
    expect(noticeFor(task({ cold: true }), inventory)).toMatchObject({
      title: 'DC0_C0_H0_VM4 moved cold',
      body: 'It is now on DC0_C0_H2.',
    });
  });

  it('a powered-off VM rolled back stays on its host, it does not keep running', () => {
    const error = { code: 'CANCELLED', message: 'Cancelled' } as Task['error'];
    expect(noticeFor(task({ cold: true, state: 'aborted', error }), inventory).body).toBe('Cancelled. It stays on DC0_C0_H0.');
    expect(noticeFor(task({ state: 'aborted', error }), inventory).body).toBe('Cancelled. It keeps running on DC0_C0_H0.');
  });
});
