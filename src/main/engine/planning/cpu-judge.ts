// The destination hypervisor is the judge of whether a guest's CPU can run there: it knows the
// guest's virt type, emulator and machine (a TCG guest runs QEMU's emulated CPU, whatever the
// host's). Ferry's feature lists only explain its refusal, so Ferry refuses nothing `virsh
// migrate` would perform, and every refusal names what is missing and how to fix it.

import type { HypervisorDriver } from '../../drivers/driver';
import type { Host, Vm } from '../../../shared/model/inventory';
import type { MigrationType } from '../../../shared/model/migration';
import type { PrecheckResult } from '../../../shared/model/precheck';
import type { EngineView } from './view';

const list = (items: readonly string[]): string =>
  items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', ');

/** The hypervisor's refusal as a precheck error; null when it accepts the guest or cannot compare. */
export async function judgeCpu(driver: HypervisorDriver | undefined, vm: Vm, dest: Host): Promise<PrecheckResult | null> {
  if (!driver?.capabilities.cpuCompare || !driver.compareCpu) return null;
  const verdict = await driver.compareCpu(vm.id, dest.id);
  if (verdict.compatible) return null;
  // Ferry's diff explains only a refusal the hypervisor gave without words of its own.
  const missing =
    verdict.incompatibleFeatures.length > 0 ? verdict.incompatibleFeatures : verdict.message ? [] : explainedByLists(vm, dest);
  const lacks = missing.length > 0 ? `: it lacks ${list(missing)}` : '';
  const said = verdict.message ? ` (the hypervisor says: ${verdict.message})` : '';
  return {
    code: 'CPU_FEATURES_MISSING',
    severity: 'error',
    message: `${dest.name} cannot run the CPU ${vm.name} uses${lacks}${said}.`,
    hint:
      missing.length > 0
        ? `Restart ${vm.name} with a CPU model every host offers (the cluster's baseline, or a plain model such as qemu64) so it does not use ${list(missing)}, or pick a host whose CPU has them.`
        : `Pick a host that can run ${vm.name} as it is defined (its virt type, emulator and CPU model), or restart it with a CPU model every host offers (the cluster's baseline, or a plain model such as qemu64).`,
  };
}

/**
 * Ferry's own diff, for the explanation only, and only from a destination list known to be
 * complete: a list libvirt could not expand would name features the host does have.
 */
function explainedByLists(vm: Vm, dest: Host): string[] {
  if (dest.cpu.featuresError) return [];
  const offered = new Set(dest.cpu.features);
  return vm.cpuFeatures.filter((f) => !offered.has(f));
}

/** One VM's check results, as the wizard shows them. */
interface VmCheckResults {
  vmId: string;
  results: PrecheckResult[];
}

/**
 * The wizard's checks with the hypervisor's verdict added for each live move Ferry's own checks
 * let through. A host that cannot be asked now adds nothing: the migration's precheck phase asks
 * again before anything moves.
 */
export async function withCpuVerdicts(
  view: EngineView,
  target: { destHostId: string | null; type: MigrationType },
  checks: readonly VmCheckResults[],
): Promise<VmCheckResults[]> {
  const dest = target.type === 'storage' ? undefined : view.host(target.destHostId ?? '');
  return Promise.all(
    checks.map(async (check) => {
      const vm = view.vm(check.vmId);
      if (!dest || !vm || vm.power !== 'running' || vm.hostId === dest.id || check.results.some((r) => r.severity === 'error'))
        return check;
      const verdict = await judgeCpu(view.driver(dest.driverId), vm, dest).catch(() => null);
      return verdict ? { ...check, results: [...check.results, verdict] } : check;
    }),
  );
}
