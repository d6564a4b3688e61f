import { describe, expect, it } from 'vitest';
import { cpuGenerations } from '../../src/main/drivers/sim/cpus';
import type { Router } from '../../src/main/ipc/router';
import { CpuBaselineStatus } from '../../src/shared/model/cpu-baseline';
import { dbOf, routerFor, useServices } from '../helpers/services';

const context = { actor: 'alice', shell: 'browser' as const };
const cascadeLake = [...cpuGenerations.cascadeLake.cpu.features].sort();

async function statusOf(router: Router, clusterId: string): Promise<CpuBaselineStatus> {
  const reply = await router.dispatch('clusters.cpuBaseline', { clusterId }, context);
  if (!reply.ok) throw new Error(reply.error.message);
  return CpuBaselineStatus.parse(reply.value);
}

describe('cluster CPU baseline (EVC) commands', () => {
  const start = useServices();

  it('shows the computed baseline, sets it (stored, audited) and keeps it across a restart', async () => {
    const { services, dataDir } = await start({ preset: 'demo' });
    const router = routerFor(services);
    const status = await router.dispatch('clusters.cpuBaseline', { clusterId: 'DC0_C0' }, context);
    expect(status).toMatchObject({
      ok: true,
      value: {
        setting: null,
        computed: { model: 'Cascadelake-Server', features: cascadeLake, definedByHostIds: ['DC0_C0_H0', 'DC0_C0_H1'] },
        models: ['qemu64', 'Haswell', 'Skylake-Server', 'Cascadelake-Server'],
        hostsBelow: [],
        vmsOutside: [],
      },
    });
    const set = await router.dispatch('clusters.setCpuBaseline', { clusterId: 'DC0_C0', choice: { mode: 'computed' } }, context);
    expect(set).toMatchObject({
      ok: true,
      value: { id: 'DC0_C0', evc: { model: 'Cascadelake-Server', source: 'computed', setBy: 'alice' } },
    });
    const rows = dbOf(services).prepare("SELECT actor, details FROM audit WHERE action = 'settings.changed'").all();
    expect(rows).toEqual([
      {
        actor: 'alice',
        details: `cluster DC0_C0 CPU baseline: off → Cascadelake-Server (the hosts' baseline, ${cascadeLake.length} features)`,
      },
    ]);
    await services.close();
    const { services: again } = await start({ preset: 'demo', dataDir });
    expect(again.inventory.cluster('DC0_C0')?.evc).toMatchObject({ model: 'Cascadelake-Server', features: cascadeLake });
    const off = await routerFor(again).dispatch('clusters.setCpuBaseline', { clusterId: 'DC0_C0', choice: { mode: 'off' } }, context);
    expect(off).toMatchObject({ ok: true, value: { evc: null } });
  });

  it('lists guests beyond the baseline and hosts below it, which joined after it was set', async () => {
    const { services } = await start({ preset: 'demo' });
    const router = routerFor(services);
    await router.dispatch('clusters.setCpuBaseline', { clusterId: 'DC0_C0', choice: { mode: 'model', model: 'Haswell' } }, context);
    const status = await statusOf(router, 'DC0_C0');
    expect(status.hostsBelow).toEqual([]);
    expect(status.vmsOutside.map((v) => v.vmName)).toContain('DC0_C0_H2_VM0');
    expect(status.vmsOutside.find((v) => v.vmName === 'DC0_C0_H2_VM0')?.outside).toContain('avx512f');
    // A baseline set when only Sapphire Rapids hosts were in the cluster: the Cascade Lake ones are below it.
    const evc = services.inventory.cluster('DC0_C0')!.evc!;
    services.inventory.setClusterCpuBaseline('DC0_C0', {
      ...evc,
      model: 'SapphireRapids',
      features: [...cpuGenerations.sapphireRapids.cpu.features],
    });
    const later = await statusOf(router, 'DC0_C0');
    expect(later.hostsBelow.map((h) => h.hostName)).toEqual(['DC0_C0_H0', 'DC0_C0_H1']);
    expect(later.hostsBelow[0]?.missing).toContain('amx-tile');
  });

  it('refuses a model some host cannot run with a typed error, and stores and audits nothing', async () => {
    const { services } = await start({ preset: 'demo' });
    const reply = await routerFor(services).dispatch(
      'clusters.setCpuBaseline',
      { clusterId: 'DC0_C0', choice: { mode: 'model', model: 'SapphireRapids' } },
      context,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'CPU_BASELINE_NOT_APPLICABLE' } });
    expect(services.inventory.cluster('DC0_C0')?.evc).toBeNull();
    expect(dbOf(services).prepare('SELECT COUNT(*) AS n FROM audit').get()).toEqual({ n: 0 });
  });

  it('validates the payload with the contract: bad choices get VALIDATION_FAILED naming the field', async () => {
    const { services } = await start({ preset: 'demo' });
    const bad = [
      { clusterId: 'DC0_C0', choice: { mode: 'on' } },
      { clusterId: 'DC0_C0', choice: { mode: 'model' } },
      { clusterId: 'DC0_C0', choice: { mode: 'model', model: '' } },
      { clusterId: 'DC0_C0', choice: { mode: 'model', model: "qemu64'/><x" } },
      { clusterId: 'DC0_C0', choice: { mode: 'computed', features: ['avx'] } },
      { clusterId: '', choice: { mode: 'off' } },
      { choice: { mode: 'off' } },
    ];
    for (const payload of bad)
      expect(await routerFor(services).dispatch('clusters.setCpuBaseline', payload, context)).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          details: { issues: expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]) },
        },
      });
    expect(await routerFor(services).dispatch('vms.applyCpuBaseline', { vmId: 'x', extra: 1 }, context)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(dbOf(services).prepare('SELECT COUNT(*) AS n FROM audit').get()).toEqual({ n: 0 });
  });

  it('applies the baseline at the next power cycle: CPU_BASELINE_OFF before one is set, then pending, audited', async () => {
    const { services } = await start({ preset: 'demo' });
    const router = routerFor(services);
    expect(await router.dispatch('vms.applyCpuBaseline', { vmId: 'DC0_C0_H2_VM0' }, context)).toMatchObject({
      ok: false,
      error: { code: 'CPU_BASELINE_OFF' },
    });
    await router.dispatch('clusters.setCpuBaseline', { clusterId: 'DC0_C0', choice: { mode: 'computed' } }, context);
    const applied = await router.dispatch('vms.applyCpuBaseline', { vmId: 'DC0_C0_H2_VM0' }, context);
    expect(applied).toMatchObject({
      ok: true,
      value: { id: 'DC0_C0_H2_VM0', cpuModel: expect.stringMatching(/^host-model/), cpuPending: { model: 'Cascadelake-Server' } },
    });
    const status = await statusOf(router, 'DC0_C0');
    expect(status.vmsOutside.find((v) => v.vmId === 'DC0_C0_H2_VM0')).toMatchObject({ pending: true });
    const rows = dbOf(services).prepare('SELECT actor, vm_id, outcome, details FROM audit WHERE vm_id IS NOT NULL').all();
    expect(rows).toEqual([
      {
        actor: 'alice',
        vm_id: 'DC0_C0_H2_VM0',
        outcome: 'pending',
        details:
          'VM DC0_C0_H2_VM0 CPU: host-model (Intel Xeon Gold 6448Y (Sapphire Rapids)) → Cascadelake-Server (cluster DC0_C0 baseline) at its next power cycle',
      },
    ]);
  });
});
