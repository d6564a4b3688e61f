// The simulated hypervisor's CPU baseline (EVC): the features every host of a cluster offers, named
// after the richest model the sim knows that fits in them; a chosen model must fit in them too.

import type { ComputedCpuBaseline, CpuBaselineDefinition } from '../../../shared/model/cpu-baseline';
import { commonFeatures, limitingHosts } from '../cpu-baseline';
import { DriverError } from '../driver';
import { simCpuModels } from './cpus';
import type { SimHost, SimState, SimVm } from './state';

type Model = (typeof simCpuModels)[number];

const vendorName = (vendor: string): string => (vendor === 'intel' ? 'Intel' : vendor === 'amd' ? 'AMD' : vendor);

function clusterCpu(hosts: readonly SimHost[]): { vendor: string | null; features: string[] } {
  const vendors = new Set(hosts.map((h) => h.cpu.vendor));
  const [only] = vendors;
  return { vendor: vendors.size === 1 && only ? only : null, features: commonFeatures(hosts.map((h) => h.cpu.features)) };
}

/** A model runs on every host when its vendor is theirs and it enables nothing they do not all offer. */
const fits = (model: Model, cpu: { vendor: string | null; features: readonly string[] }): boolean =>
  (model.vendor === null || model.vendor === cpu.vendor) && model.features.every((f) => cpu.features.includes(f));

/** The hosts of a cluster the sim has (NOT_FOUND for a cluster it does not). */
export function hostsIn(state: SimState, clusterId: string): SimHost[] {
  if (!state.clusters.some((c) => c.id === clusterId)) throw new DriverError('NOT_FOUND', `no cluster ${clusterId}`);
  return state.hosts.filter((h) => h.clusterId === clusterId);
}

export function simCpuModelsFor(hosts: readonly SimHost[]): string[] {
  const cpu = clusterCpu(hosts);
  return simCpuModels.filter((m) => fits(m, cpu)).map((m) => m.name);
}

export function simCpuBaseline(clusterId: string, hosts: readonly SimHost[], modelName: string | null): ComputedCpuBaseline {
  if (hosts.length === 0) throw new DriverError('NOT_FOUND', `cluster ${clusterId} has no hosts to compute a CPU baseline from`);
  const cpu = clusterCpu(hosts);
  const definedByHostIds = limitingHosts(hosts.map((h) => ({ id: h.id, features: h.cpu.features })));
  const base = { vendor: cpu.vendor ? vendorName(cpu.vendor) : null, disabledFeatures: [], arch: null, virtType: null, definedByHostIds };
  if (modelName === null) {
    const richest = simCpuModels.filter((m) => fits(m, cpu)).at(-1);
    return { ...base, model: richest?.name ?? 'qemu64', features: cpu.features };
  }
  const model = simCpuModels.find((m) => m.name === modelName);
  if (!model) throw new DriverError('CPU_BASELINE_NOT_APPLICABLE', `the simulated hypervisor knows no CPU model ${modelName}`);
  if (!fits(model, cpu)) {
    const short = hosts
      .filter((h) => !fits(model, { vendor: h.cpu.vendor, features: h.cpu.features }))
      .map((h) => h.name)
      .join(', ');
    throw new DriverError('CPU_BASELINE_NOT_APPLICABLE', `${modelName} does not run on every host of ${clusterId}: not on ${short}`);
  }
  return { ...base, model: model.name, features: [...model.features].sort() };
}

/** Checks the guest's host could power it on with `cpu`, then keeps it for the guest's next power on. */
export function pendCpu(vm: SimVm, host: SimHost, cpu: CpuBaselineDefinition): void {
  if (cpu.vendor && vendorName(host.cpu.vendor) !== cpu.vendor)
    throw new DriverError(
      'CPU_BASELINE_NOT_APPLICABLE',
      `${vm.name} runs on ${host.name}, a ${host.cpu.vendor} host: it cannot take a ${cpu.vendor} CPU`,
    );
  const missing = cpu.features.filter((f) => !host.cpu.features.includes(f));
  if (missing.length > 0)
    throw new DriverError(
      'CPU_BASELINE_NOT_APPLICABLE',
      `${vm.name} could not power on with ${cpu.model} on ${host.name}, which lacks ${missing.join(', ')}: move it to a host that meets the baseline first`,
    );
  vm.cpuPending = { model: cpu.model, features: [...cpu.features] };
}

/** A power on: the guest boots with the CPU that was pending, if any. */
export function takePendingCpu(vm: SimVm): void {
  if (!vm.cpuPending) return;
  vm.cpuModel = vm.cpuPending.model;
  vm.cpuFeatures = [...vm.cpuPending.features];
  vm.cpuPending = null;
  vm.cpuChanged = true;
}
