// CPU features through libvirt's own CPU model knowledge: a model name alone (qemu64, EPYC) hides
// its features, so models are expanded with BASELINE_HYPERVISOR_CPU(EXPAND_FEATURES); compatibility
// with a destination is asked with COMPARE_HYPERVISOR_CPU.

import { messageOf, toDriverError } from '../hosts/error-mapping';
import {
  BaselineCpuFlags,
  connectBaselineHypervisorCpu,
  connectCompareHypervisorCpu,
  connectGetDomainCapabilities,
  CPU_COMPARE_FAIL_INCOMPATIBLE,
  LibvirtError,
  type HypervisorTarget,
  type LibvirtClient,
} from '../rpc';
import { cpuToXml, enabledFeatures, parseCpu, type CpuDefinition } from '../xml/cpu';
import { parseHostModelCpu } from '../xml/domain-capabilities';
import type { DomainDefinition } from '../xml/domain';

/** Every feature a CPU definition enables, its model's included. */
export async function expandCpu(client: LibvirtClient, cpuXml: string, target: HypervisorTarget): Promise<CpuDefinition> {
  const expanded = await connectBaselineHypervisorCpu(client, [cpuXml], target, BaselineCpuFlags.EXPAND_FEATURES);
  return parseCpu(expanded);
}

export interface HostCpuModel {
  /** The host-model CPU of the chosen virtualization type, as custom CPU XML (input for baselines). */
  xml: string;
  model: string | null;
  /** Every feature a guest may use on this host. */
  features: string[];
}

/** What guests of `virtType` can get on this host: its host-model CPU, expanded. */
export async function hostCpuModel(client: LibvirtClient, arch: string, virtType: string): Promise<HostCpuModel | null> {
  const domcaps = await connectGetDomainCapabilities(client, { arch, virttype: virtType });
  const hostModel = parseHostModelCpu(domcaps);
  if (!hostModel) return null;
  const xml = cpuToXml(hostModel);
  const expanded = await expandCpu(client, xml, { arch, virttype: virtType });
  return { xml, model: hostModel.model, features: enabledFeatures(expanded) };
}

/** The host's CPU features, or why they could not be read whole: never a partial list passed off as all. */
export interface HostCpuOutcome {
  model: HostCpuModel | null;
  /** Set when domain capabilities or the expansion failed: the host's list is then incomplete. */
  error: string | null;
}

export async function hostCpuOutcome(client: LibvirtClient, arch: string, virtType: string): Promise<HostCpuOutcome> {
  try {
    const model = await hostCpuModel(client, arch, virtType);
    return { model, error: model ? null : `libvirt offers no host-model CPU for ${virtType} guests` };
  } catch (error) {
    return { model: null, error: `libvirt could not expand the host's CPU model for ${virtType} guests: ${messageOf(error)}` };
  }
}

/**
 * What the hypervisor must be asked about for this guest: its own virt type, emulator, arch and
 * machine. A TCG guest (`type='qemu'`) runs QEMU's emulated CPU, so it is judged against what
 * that emulator offers, never against the host's KVM CPU.
 */
export function guestCpuTarget(def: DomainDefinition): HypervisorTarget {
  return {
    virttype: def.virtType,
    ...(def.emulator ? { emulator: def.emulator } : {}),
    ...(def.arch ? { arch: def.arch } : {}),
    ...(def.machine ? { machine: def.machine } : {}),
  };
}

/** Features every one of the CPUs offers, and libvirt's model name for them, computed on one host of the cluster. */
export async function baselineFeatures(
  client: LibvirtClient,
  cpuXmls: readonly string[],
  target: HypervisorTarget,
): Promise<{ model: string | null; features: string[] }> {
  if (cpuXmls.length === 0) return { model: null, features: [] };
  const baseline = parseCpu(await connectBaselineHypervisorCpu(client, cpuXmls, target, BaselineCpuFlags.EXPAND_FEATURES));
  return { model: baseline.model, features: enabledFeatures(baseline) };
}

export interface CpuCompareResult {
  compatible: boolean;
  /** identical / superset (compatible), incompatible, or unchecked (nothing to compare: not refused). */
  result: 'identical' | 'superset' | 'incompatible' | 'unchecked';
  /** Features the destination lacks, when libvirt names them. */
  incompatibleFeatures: string[];
  message: string | null;
}

/** Asks the destination's hypervisor whether it can run a guest with this CPU. */
export async function compareCpuOn(client: LibvirtClient, cpuXml: string, target: HypervisorTarget): Promise<CpuCompareResult> {
  try {
    const result = await connectCompareHypervisorCpu(client, cpuXml, target, CPU_COMPARE_FAIL_INCOMPATIBLE);
    if (result === 'IDENTICAL') return { compatible: true, result: 'identical', incompatibleFeatures: [], message: null };
    if (result === 'SUPERSET') return { compatible: true, result: 'superset', incompatibleFeatures: [], message: null };
    return { compatible: false, result: 'incompatible', incompatibleFeatures: [], message: 'the destination CPU is incompatible' };
  } catch (error) {
    if (error instanceof LibvirtError && error.code === 'CPU_INCOMPATIBLE') {
      return { compatible: false, result: 'incompatible', incompatibleFeatures: missingFeaturesIn(error.message), message: error.message };
    }
    // The destination cannot run guests of this virt type, emulator or machine at all (no KVM
    // there): the migration would fail the same way, so this is its verdict, in its words.
    if (error instanceof LibvirtError && (error.code === 'INVALID_ARG' || error.code === 'CONFIG_UNSUPPORTED')) {
      return { compatible: false, result: 'incompatible', incompatibleFeatures: [], message: error.message };
    }
    // A daemon that cannot compare gives no verdict; refusing would refuse what virsh migrate does.
    if (error instanceof LibvirtError && (error.code === 'NO_SUPPORT' || error.code === 'OPERATION_UNSUPPORTED')) {
      return {
        compatible: true,
        result: 'unchecked',
        incompatibleFeatures: [],
        message: `the destination cannot compare CPUs: ${error.message}`,
      };
    }
    throw toDriverError(error, 'compare CPU');
  }
}

/**
 * libvirt names what is missing in its message ("Host CPU does not provide required features:
 * svm, avx512f"); that text is the only place it does, so this is parsed, for display only.
 */
export function missingFeaturesIn(message: string): string[] {
  const match = /features?:\s*([^;.]+)/i.exec(message);
  if (!match?.[1]) return [];
  return match[1]
    .split(',')
    .map((f) => f.trim())
    .filter((f) => /^[\w.-]+$/.test(f));
}

/**
 * The destination's verdict on a guest's CPU. A guest that names no model runs its emulator's
 * default CPU, which libvirt spells out in the definition when it knows it (qemu64 for x86); with
 * nothing to compare there is nothing to refuse: `virsh migrate` would not refuse it either.
 */
export async function compareGuestCpu(
  dest: LibvirtClient,
  def: DomainDefinition,
  sourceHostCpuXml: string | null,
): Promise<CpuCompareResult> {
  // A host-passthrough guest sees the source host's CPU: that is what the destination must offer.
  // A running host-model guest shows the model libvirt chose; an unresolved mode has none.
  const cpuXml = def.cpu?.mode === 'host-passthrough' ? sourceHostCpuXml : def.cpu?.model ? def.cpuXml : null;
  if (!cpuXml)
    return { compatible: true, result: 'unchecked', incompatibleFeatures: [], message: `${def.name} names no CPU model to compare` };
  return compareCpuOn(dest, cpuXml, guestCpuTarget(def));
}
