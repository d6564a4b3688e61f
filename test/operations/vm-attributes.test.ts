import { describe, expect, it } from 'vitest';
import { dbOf, routerFor, useServices } from '../helpers/services';

const context = { actor: 'alice', shell: 'browser' as const };

describe('vms.setAttributes', () => {
  const start = useServices();

  it('sets a VM attributes, shows them in the inventory and audits who changed which VM from what to what', async () => {
    const { services } = await start();
    const vm = services.inventory.allVms()[0]!;
    const attributes = { missionCritical: !vm.missionCritical, tags: ['web', 'affinity:front', 'anti-affinity:web'] };
    const reply = await routerFor(services).dispatch('vms.setAttributes', { vmId: vm.id, attributes }, context);
    expect(reply).toMatchObject({ ok: true, value: { id: vm.id, ...attributes } });
    expect(services.inventory.vm(vm.id)).toMatchObject(attributes);
    const rows = dbOf(services).prepare("SELECT actor, vm_id, vm_name, details FROM audit WHERE action = 'settings.changed'").all();
    expect(rows).toEqual([
      {
        actor: 'alice',
        vm_id: vm.id,
        vm_name: vm.name,
        details: `VM ${vm.name} attributes: ${JSON.stringify({ missionCritical: vm.missionCritical, tags: vm.tags })} → ${JSON.stringify(attributes)}`,
      },
    ]);
  });

  it('tells the renderer the VM changed', async () => {
    const { services } = await start();
    const vm = services.inventory.allVms()[0]!;
    const deltas: string[][] = [];
    services.inventory.delta.on((d) => deltas.push(d.vms.map((v) => v.id)));
    await routerFor(services).dispatch('vms.setAttributes', { vmId: vm.id, attributes: { missionCritical: true, tags: [] } }, context);
    expect(deltas).toEqual([[vm.id]]);
  });

  it('sends the renderer the changed VM without its working set, which only predictions read', async () => {
    const { services } = await start();
    const vm = services.inventory.allVms()[0]!;
    expect(vm.workingSetBytes).toBeGreaterThan(0);
    const sent: unknown[] = [];
    services.hub.subscribe((name, payload) => {
      if (name === 'inventory.delta') sent.push(...(payload as { vms: unknown[] }).vms);
    });
    await routerFor(services).dispatch('vms.setAttributes', { vmId: vm.id, attributes: { missionCritical: true, tags: [] } }, context);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ id: vm.id, missionCritical: true });
    expect(sent[0]).not.toHaveProperty('workingSetBytes');
  });

  it('refuses bad input with a typed error, naming the field, and changes and audits nothing', async () => {
    const { services } = await start();
    const vm = services.inventory.allVms()[0]!;
    const bad = [
      { vmId: vm.id, attributes: { missionCritical: 'yes', tags: [] } },
      { vmId: vm.id, attributes: { missionCritical: true, tags: ['two words'] } },
      { vmId: vm.id, attributes: { missionCritical: true, tags: ['a,b'] } },
      { vmId: vm.id, attributes: { missionCritical: true, tags: [''] } },
      { vmId: vm.id, attributes: { missionCritical: true, tags: ['db', 'db'] } },
      { vmId: vm.id, attributes: { missionCritical: true, tags: ['x'.repeat(65)] } },
      { vmId: vm.id, attributes: { missionCritical: true, tags: [], hostId: 'elsewhere' } },
      { vmId: vm.id, attributes: { missionCritical: true } },
      { vmId: '', attributes: { missionCritical: true, tags: [] } },
      { attributes: { missionCritical: true, tags: [] } },
    ];
    for (const payload of bad)
      expect(await routerFor(services).dispatch('vms.setAttributes', payload, context)).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          details: { issues: expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]) },
        },
      });
    expect(services.inventory.vm(vm.id)).toEqual(vm);
    expect(dbOf(services).prepare('SELECT COUNT(*) AS n FROM audit').get()).toEqual({ n: 0 });
  });

  it('answers NOT_FOUND for a VM Ferry does not know', async () => {
    const { services } = await start();
    const reply = await routerFor(services).dispatch(
      'vms.setAttributes',
      { vmId: 'nope', attributes: { missionCritical: true, tags: [] } },
      context,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it("overrides the simulator's presets and keeps the override across a restart", async () => {
    const { services, dataDir } = await start({ preset: 'demo' });
    const preset = services.inventory.allVms().find((v) => v.missionCritical)!;
    await routerFor(services).dispatch(
      'vms.setAttributes',
      { vmId: preset.id, attributes: { missionCritical: false, tags: ['batch'] } },
      context,
    );
    await services.close();
    const { services: again } = await start({ preset: 'demo', dataDir });
    await again.fleet.refreshAll();
    expect(again.inventory.vm(preset.id)).toMatchObject({ missionCritical: false, tags: ['batch'] });
  });
});
