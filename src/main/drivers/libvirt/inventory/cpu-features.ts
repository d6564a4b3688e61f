// CPU features through libvirt's own CPU model knowledge: a model name alone (qemu64, EPYC) hides
// its features, so models are expanded with BASELINE_HYPERVISOR_CPU(EXPAND_FEATURES); compatibility
// with a destination is asked with COMPARE_HYPERVISOR_CPU.

import { DriverError } from '../../driver';
import { toDriverError } from '../hosts/error-mapping';
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

/** Features every one of the CPUs offers, computed by libvirt on one host of the cluster. */
export async function baselineFeatures(client: LibvirtClient, cpuXmls: readonly string[], target: HypervisorTarget): Promise<string[]> {
  if (cpuXmls.length === 0) return [];
  const baseline = await connectBaselineHypervisorCpu(client, cpuXmls, target, BaselineCpuFlags.EXPAND_FEATURES);
  return enabledFeatures(parseCpu(baseline));
}

export interface CpuCompareResult {
  compatible: boolean;
  /** identical / superset (compatible) or incompatible. */
  result: 'identical' | 'superset' | 'incompatible';
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

export function requireCpuXml(xml: string | null, what: string): string {
  if (!xml) throw new DriverError('NOT_SUPPORTED', `${what} has no CPU definition to compare`);
  return xml;
}
