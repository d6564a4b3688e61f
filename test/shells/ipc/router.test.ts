import { describe, expect, it } from 'vitest';
import { InventorySnapshot } from '../../../src/shared/model/inventory';
import { snapshotVms } from '../../../src/shared/model/snapshot-vms';
import { useServices, routerFor } from '../../helpers/services';

const context = { actor: 'tester', shell: 'browser' as const };

describe('command router', () => {
  const start = useServices();

  it('answers a valid command with its response', async () => {
    const { services } = await start();
    const reply = await routerFor(services).dispatch('inventory.snapshot', {}, context);
    expect(reply.ok).toBe(true);
    if (reply.ok) expect((reply.value as { hosts: unknown[] }).hosts).toHaveLength(2);
  });

  it('sends the inventory snapshot with each CPU feature list once, and its VMs read back whole but for their working sets', async () => {
    const { services } = await start();
    const reply = await routerFor(services).dispatch('inventory.snapshot', {}, context);
    if (!reply.ok) throw new Error(reply.error.message);
    const snapshot = InventorySnapshot.parse(JSON.parse(JSON.stringify(reply.value)));
    expect(snapshot.cpuFeatureSets.length).toBeLessThan(snapshot.vms.length);
    const shown = services.inventory.allVms().map(({ workingSetBytes: _predictionsOnly, ...vm }) => vm);
    expect(snapshotVms(snapshot)).toEqual(shown);
  });

  it('rejects a malformed payload with a typed error and changes nothing', async () => {
    const { services } = await start();
    const before = services.settings.get();
    for (const payload of [{ simSpeed: 'fast' }, { simSpeed: 1e9 }, { operatorName: 42 }, { simSpeed: 2, extra: true }, null, 'x', [1]]) {
      const reply = await routerFor(services).dispatch('settings.update', payload, context);
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(services.settings.get()).toEqual(before);
  });

  it('names which field was wrong', async () => {
    const { services } = await start();
    const reply = await routerFor(services).dispatch('settings.update', { simSpeed: -1 }, context);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.details).toMatchObject({ issues: [{ path: 'simSpeed' }] });
  });

  it('refuses a payload that makes the schema itself throw, as a typed error', async () => {
    const { services } = await start();
    // Found by the fuzzer: zod compares `length` of a non-string, and this one has no primitive value (JSON can carry it).
    const payload = JSON.parse('{"id":{"length":{"toString":1}}}') as unknown;
    const reply = await routerFor(services).dispatch('schedules.delete', payload, context);
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  // Found by the fuzz bench (seed 1941413635): Electron's IPC keeps a key whose value is undefined
  // (structured clone), the browser's JSON drops it; a patch read it as a value to store.
  it('reads a key whose value is undefined as absent, as JSON would carry it', async () => {
    const { services } = await start();
    const router = routerFor(services);
    await router.dispatch('settings.update', { operatorName: 'alice' }, context);
    const reply = await router.dispatch('settings.update', { operatorName: undefined, simSpeed: 2 }, context);
    expect(reply).toMatchObject({ ok: true, value: { operatorName: 'alice', simSpeed: 2 } });

    const { clusters } = services.inventory.snapshot();
    const cluster = clusters[0];
    if (!cluster) throw new Error('no cluster');
    const refused = await router.dispatch('clusters.setPolicy', { clusterId: cluster.id, policy: { balancing: undefined } }, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(services.inventory.cluster(cluster.id)?.policy).toEqual(cluster.policy);
  });

  it('rejects unknown commands, including prototype names', async () => {
    const { services } = await start();
    // A name whose toString is not a function (JSON can carry it) once made the refusal itself throw.
    for (const name of ['inventory.drop', '__proto__', 'constructor', 42, undefined, { toString: 1 }, Object.create(null)]) {
      expect(await routerFor(services).dispatch(name, {}, context)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    }
  });

  it('applies a valid settings change', async () => {
    const { services } = await start();
    const reply = await routerFor(services).dispatch('settings.update', { operatorName: 'alice' }, context);
    expect(reply).toMatchObject({ ok: true, value: { operatorName: 'alice' } });
    expect(services.actorFor()).toBe('alice');
  });
});
