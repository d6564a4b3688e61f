// The destination hypervisor's comparison is the judge of a guest's CPU; Ferry's feature diff
// only explains its refusal, and every refusal names the features and the fix.

import { describe, expect, it } from 'vitest';
import type { CpuComparison, HypervisorDriver } from '../../src/main/drivers/driver';
import { judgeCpu, withCpuVerdicts } from '../../src/main/engine/planning/cpu-judge';
import { presetView } from './fake-view';

const judge = (verdict: CpuComparison | Error, exact = false): HypervisorDriver =>
  ({
    capabilities: { cpuCompare: true, cpuFeaturesExact: exact },
    compareCpu: async () => {
      if (verdict instanceof Error) throw verdict;
      return verdict;
    },
  }) as unknown as HypervisorDriver;

async function subject() {
  const world = await presetView('demo');
  const vm = { ...world.vm('DC0_C0_H0_VM0'), cpuFeatures: ['pni', 'svm', 'sse2'] };
  const dest = { ...world.host('DC0_C0_H1'), cpu: { ...world.host('DC0_C0_H1').cpu, features: ['pni', 'sse2'] } };
  return { vm, dest };
}

describe('judgeCpu', () => {
  it('accepts what the hypervisor accepts, whatever Ferry’s feature lists say', async () => {
    const { vm, dest } = await subject();
    expect(await judgeCpu(judge({ compatible: true, incompatibleFeatures: [], message: null }), vm, dest)).toBeNull();
  });

  it('refuses what it refuses, naming the features it names and the fix', async () => {
    const { vm, dest } = await subject();
    const verdict = {
      compatible: false,
      incompatibleFeatures: ['avx512f'],
      message: 'Host CPU does not provide required features: avx512f',
    };
    const result = await judgeCpu(judge(verdict), vm, dest);
    expect(result).toMatchObject({ code: 'CPU_FEATURES_MISSING', severity: 'error' });
    expect(result?.message).toContain('avx512f');
    expect(result?.hint).toMatch(/avx512f/);
    expect(result?.hint).toMatch(/CPU model/);
  });

  it('explains a refusal that names nothing with Ferry’s own diff', async () => {
    const { vm, dest } = await subject();
    const result = await judgeCpu(judge({ compatible: false, incompatibleFeatures: [], message: null }), vm, dest);
    expect(result?.message).toContain('svm');
  });

  it('lets the hypervisor’s own words stand when it names no feature (no KVM there, say)', async () => {
    const { vm, dest } = await subject();
    const said = "invalid argument: the accel 'kvm' is not supported";
    const result = await judgeCpu(judge({ compatible: false, incompatibleFeatures: [], message: said }), vm, dest);
    expect(result?.message).toContain(said);
    expect(result?.message).not.toContain('svm');
    expect(result?.hint).toMatch(/virt type/);
  });

  it('does not explain with a destination list it knows to be incomplete', async () => {
    const { vm, dest } = await subject();
    const partial = { ...dest, cpu: { ...dest.cpu, featuresError: 'libvirt could not expand the host CPU model' } };
    const result = await judgeCpu(judge({ compatible: false, incompatibleFeatures: [], message: null }), vm, partial);
    expect(result?.message).not.toContain('svm');
  });

  it('has nothing to say without a hypervisor that compares', async () => {
    const { vm, dest } = await subject();
    const none = { capabilities: { cpuCompare: false } } as unknown as HypervisorDriver;
    expect(await judgeCpu(none, vm, dest)).toBeNull();
  });
});

describe('the wizard’s precheck', () => {
  it('adds the hypervisor’s refusal to a live move Ferry’s own checks let through, and nothing else', async () => {
    const world = await presetView('demo');
    const refusing = judge({ compatible: false, incompatibleFeatures: ['svm'], message: null });
    world.view.driver = () => refusing;
    const target = { destHostId: 'DC0_C0_H1', type: 'compute' as const };
    const [live, blocked] = await withCpuVerdicts(world.view, target, [
      { vmId: 'DC0_C0_H0_VM0', results: [] },
      { vmId: 'DC0_C0_H0_VM1', results: [{ code: 'PORT_GROUP_MISSING', severity: 'error', message: 'm', hint: 'h' }] },
    ]);
    expect(live?.results.map((r) => r.code)).toEqual(['CPU_FEATURES_MISSING']);
    expect(blocked?.results.map((r) => r.code)).toEqual(['PORT_GROUP_MISSING']);
  });

  it('adds nothing when the hypervisor cannot be asked now (the start asks again)', async () => {
    const world = await presetView('demo');
    world.view.driver = () => judge(new Error('host unreachable'));
    const [live] = await withCpuVerdicts(world.view, { destHostId: 'DC0_C0_H1', type: 'compute' }, [
      { vmId: 'DC0_C0_H0_VM0', results: [] },
    ]);
    expect(live?.results).toEqual([]);
  });
});
