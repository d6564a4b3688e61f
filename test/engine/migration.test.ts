import { describe, expect, it } from 'vitest';
import { useServices } from '../helpers/services';
import { auditActions, expectSettled, finishedRecord, openWorld, poweredOffStore, request, untilFinished, untilPhase } from './harness';
import { migrationCases } from './migration.cases';

describe('phased migration against the sim, with a fault at every phase', () => {
  const start = useServices();

  it.each(migrationCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const preset = c.preset ?? 'tiny';
    const world = await openWorld(start, {
      preset,
      faults: c.faults,
      ...(c.poweredOff ? { store: poweredOffStore(preset, c.poweredOff) } : {}),
    });
    const [task] = world.services.engine.request(request(c.request), { requestedBy: 'alice' });
    if (!task) throw new Error('no task');
    if (c.cancelAt) {
      await untilPhase(world, task.id, c.cancelAt);
      world.services.engine.cancel(task.id, 'bob');
    }
    const done = await untilFinished(world, task.id);
    expect({ state: done.state, error: done.error?.code ?? null }).toEqual({ state: c.state, error: c.errorCode ?? null });
    expect(done.problems.length > 0).toBe(c.problems ?? false);
    expect(done.cold).toBe(c.poweredOff !== undefined);
    await expectSettled(world, task.vmId, c.runsOn, c.pausedLeftoverOn, done.cold);
    if (c.disksOn) expect(world.services.inventory.vm(task.vmId)?.disks.map((d) => d.datastoreId)).toEqual([c.disksOn]);
    expect(auditActions(world, task.id)).toEqual([
      'migration.requested',
      'migration.started',
      ...(c.cancelAt ? ['migration.cancel-requested'] : []),
      'migration.finished',
    ]);
    expect(finishedRecord(world, task.id)).toMatchObject({ outcome: c.state, error_code: c.errorCode ?? null, actor: 'alice' });
    // The sim's guest answers like Ferry's probe: a live move that completed was verified at that level, in the outcome and the audit.
    const verified = done.state.startsWith('completed') && !done.cold ? 'guest-probe' : null;
    expect(done.outcome?.verification ?? null).toBe(verified);
    expect(String(finishedRecord(world, task.id)['details'] ?? '').startsWith('verification=guest-probe')).toBe(verified !== null);
    expect(world.services.audit.verify().ok).toBe(true);
  });
});

describe("a finished migration's audit record", () => {
  const start = useServices();

  it('says when the migration stream was encrypted, and not otherwise', async () => {
    const world = await openWorld(start);
    const plain = request({ vmIds: ['DC0_C0_H0_VM0'] });
    const [encrypted] = world.services.engine.request(
      { ...plain, options: { ...plain.options, encryptStream: true } },
      { requestedBy: 'a' },
    );
    await untilFinished(world, encrypted!.id);
    expect(String(finishedRecord(world, encrypted!.id)['details'])).toMatch(/; stream=tls/);
    const [clear] = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'], destHostId: 'DC0_C0_H0' }), { requestedBy: 'a' });
    await untilFinished(world, clear!.id);
    expect(String(finishedRecord(world, clear!.id)['details'])).not.toMatch(/stream=tls/);
  });
});
