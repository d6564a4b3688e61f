// The cluster CPU baseline (EVC) in the prechecks: once an admin set one, a host below it is no
// target in that cluster, and a guest using features beyond it is flagged with the fix. With the
// baseline off nothing here refuses or warns (today's behaviour: the hypervisor judges).

import type { ClusterCpuBaseline } from '../../../shared/model/cpu-baseline';
import type { Host, Vm } from '../../../shared/model/inventory';
import type { EngineView } from './view';
import type { Findings } from './precheck-findings';

const list = (items: readonly string[]): string =>
  items.length > 8 ? `${items.slice(0, 8).join(', ')} and ${items.length - 8} more` : items.join(', ');

export function baselineOf(view: EngineView, clusterId: string): ClusterCpuBaseline | null {
  return view.cluster(clusterId)?.evc ?? null;
}

/** Baseline features the host lacks; null when its list is incomplete (Ferry cannot tell, so refuses nothing). */
export function missingFromHost(baseline: ClusterCpuBaseline, host: Host): string[] | null {
  if (host.cpu.featuresError) return null;
  const offered = new Set(host.cpu.features);
  return baseline.features.filter((f) => !offered.has(f));
}

/** Features the guest runs with beyond the baseline (a guest naming no model uses its emulator's default: none listed). */
export function outsideBaseline(baseline: ClusterCpuBaseline, vm: Vm): string[] {
  const allowed = new Set(baseline.features);
  return vm.cpuFeatures.filter((f) => !allowed.has(f));
}

/** The destination cluster's baseline against the destination host and the moving guest. */
export function checkCpuBaseline(view: EngineView, vm: Vm, dest: Host, found: Findings): void {
  const baseline = baselineOf(view, dest.clusterId);
  if (!baseline) return;
  const cluster = view.cluster(dest.clusterId)?.name ?? dest.clusterId;
  const missing = missingFromHost(baseline, dest);
  if (missing && missing.length > 0)
    found.error(
      'CPU_BELOW_BASELINE',
      `${dest.name} is below ${cluster}'s CPU baseline (${baseline.model}): it lacks ${list(missing)}.`,
      `Pick another host of ${cluster}, move ${dest.name} to another cluster, or lower ${cluster}'s baseline to a model ${dest.name} runs.`,
    );
  const outside = outsideBaseline(baseline, vm);
  if (outside.length === 0) return;
  const pending = vm.cpuPending?.model === baseline.model;
  found.warning(
    'CPU_OUTSIDE_BASELINE',
    `${vm.name} uses CPU features beyond ${cluster}'s baseline (${baseline.model}): ${list(outside)}.`,
    pending
      ? `${vm.name}'s baseline CPU is pending: power-cycle it (shut down, start) to run with ${baseline.model}.`
      : `In ${vm.name}'s summary, apply the baseline CPU at next power cycle, then power-cycle it; until then it may not move to every host of ${cluster}.`,
  );
}
