// A cluster's baseline CPU (EVC) through libvirt: BASELINE_HYPERVISOR_CPU over the hosts'
// host-model CPUs (expanded, migratable features only), a named model expanded and checked on
// every host with COMPARE_HYPERVISOR_CPU, and the baseline written into a guest's next-boot definition.

import type { ComputedCpuBaseline, CpuBaselineDefinition } from '../../../../shared/model/cpu-baseline';
import { limitingHosts } from '../../cpu-baseline';
import { DriverError } from '../../driver';
import { messageOf, toDriverError } from '../hosts/error-mapping';
import type { HostRegistry } from '../hosts/host-registry';
import {
  BaselineCpuFlags,
  connectBaselineHypervisorCpu,
  connectGetDomainCapabilities,
  connectListAllDomains,
  DefineXmlFlags,
  domainDefineXmlFlags,
  domainGetXmlDesc,
  DomainXmlFlags,
  LibvirtError,
  ListDomainsFlags,
  type DomainRef,
  type HypervisorTarget,
  type LibvirtClient,
} from '../rpc';
import { escapeXml } from '../xml/xml-tree';
import { parseCpu, type CpuDefinition } from '../xml/cpu';
import { baselineCpuElement, usableCustomModels, withBaselineCpu } from '../xml/cpu-rewrite';
import { parseDomain } from '../xml/domain';
import { compareCpuOn, guestCpuTarget } from './cpu-features';

/** One connected host of the cluster, as the baseline needs it. */
export interface BaselineHost {
  hostId: string;
  name: string;
  client: LibvirtClient;
  arch: string;
  virtType: string;
  /** Its host-model CPU for `virtType` (custom XML); null when libvirt offered none. */
  hostModelCpuXml: string | null;
  features: readonly string[];
}

const notApplicable = (message: string): DriverError => new DriverError('CPU_BASELINE_NOT_APPLICABLE', message);
const FLAGS = BaselineCpuFlags.EXPAND_FEATURES | BaselineCpuFlags.MIGRATABLE;

function definitionOf(cpu: CpuDefinition, target: { arch: string; virtType: string }): CpuBaselineDefinition {
  if (!cpu.model) throw notApplicable('libvirt returned a baseline CPU without a model');
  const named = (policies: (string | null)[]) =>
    [...new Set(cpu.features.filter((f) => policies.includes(f.policy)).map((f) => f.name))].sort();
  return {
    model: cpu.model,
    vendor: cpu.vendor,
    features: named([null, 'require', 'force']),
    disabledFeatures: named(['disable', 'forbid']),
    arch: target.arch,
    virtType: target.virtType,
  };
}

/** The hosts' common arch and virt type: a baseline across TCG and KVM hosts would describe neither. */
function commonTarget(clusterId: string, hosts: readonly BaselineHost[]): { arch: string; virtType: string } {
  const [first] = hosts;
  if (!first) throw new DriverError('HOST_UNREACHABLE', `no host of cluster ${clusterId} answers: its CPU baseline cannot be computed now`);
  const odd = hosts.filter((h) => h.arch !== first.arch || h.virtType !== first.virtType);
  if (odd.length > 0)
    throw notApplicable(
      `cluster ${clusterId} mixes ${first.virtType}/${first.arch} hosts with ${odd.map((h) => `${h.name} (${h.virtType}/${h.arch})`).join(', ')}`,
    );
  return { arch: first.arch, virtType: first.virtType };
}

export async function clusterCpuBaseline(
  clusterId: string,
  hosts: readonly BaselineHost[],
  model: string | null,
): Promise<ComputedCpuBaseline> {
  const target = commonTarget(clusterId, hosts);
  const judge = hosts[0] as BaselineHost;
  const libvirtTarget: HypervisorTarget = { arch: target.arch, virttype: target.virtType };
  const definedByHostIds = limitingHosts(hosts.map((h) => ({ id: h.hostId, features: h.features })));
  if (model === null) {
    const xmls = hosts.map((h) => h.hostModelCpuXml);
    const missing = hosts.filter((h) => !h.hostModelCpuXml).map((h) => h.name);
    if (missing.length > 0) throw notApplicable(`libvirt offers no host-model CPU on ${missing.join(', ')}`);
    const baseline = await call('compute the CPU baseline', () =>
      connectBaselineHypervisorCpu(judge.client, xmls as string[], libvirtTarget, FLAGS),
    );
    return { ...definitionOf(parseCpu(baseline), target), definedByHostIds };
  }
  const modelXml = `<cpu mode='custom' match='exact'><model fallback='forbid'>${escapeXml(model)}</model></cpu>`;
  const expanded = await call(`expand CPU model ${model}`, () =>
    connectBaselineHypervisorCpu(judge.client, [modelXml], libvirtTarget, FLAGS),
  );
  const definition = definitionOf(parseCpu(expanded), target);
  const verdicts = await Promise.all(hosts.map(async (h) => ({ h, v: await compareCpuOn(h.client, modelXml, libvirtTarget) })));
  const refused = verdicts.filter(({ v }) => !v.compatible);
  if (refused.length > 0)
    throw notApplicable(
      `${model} does not run on every host of ${clusterId}: ${refused.map(({ h, v }) => `${h.name} (${v.incompatibleFeatures.join(', ') || v.message})`).join('; ')}`,
    );
  return { ...definition, definedByHostIds };
}

/** Models every host's hypervisor lists as usable for guests of the cluster's virt type. */
export async function clusterCpuModels(clusterId: string, hosts: readonly BaselineHost[]): Promise<string[]> {
  const target = commonTarget(clusterId, hosts);
  const lists = await Promise.all(
    hosts.map(async (h) =>
      usableCustomModels(
        await call('read domain capabilities', () =>
          connectGetDomainCapabilities(h.client, { arch: target.arch, virttype: target.virtType }),
        ),
      ),
    ),
  );
  const [first = [], ...rest] = lists;
  return first.filter((m) => rest.every((l) => l.includes(m)));
}

/**
 * Redefines the guest's persistent definition with the baseline CPU; what runs is untouched, so the
 * guest takes it at its next power on. Refused, before anything is written, for a transient guest,
 * one of another virt type or arch, and one its host could not start with that CPU.
 */
export async function defineBaselineCpu(
  client: LibvirtClient,
  dom: DomainRef,
  hostName: string,
  cpu: CpuBaselineDefinition,
  token: string,
): Promise<void> {
  const persistent = await call('list persistent domains', () => connectListAllDomains(client, ListDomainsFlags.PERSISTENT));
  if (!persistent.some((d) => d.uuid === dom.uuid))
    throw notApplicable(`${dom.name} is transient (it has no persistent definition to hold a CPU for its next boot)`);
  const xml = await call('read the VM definition', () => domainGetXmlDesc(client, dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE));
  const def = parseDomain(xml);
  if (cpu.virtType && def.virtType !== cpu.virtType)
    throw notApplicable(`${def.name} is a ${def.virtType} guest; the baseline was computed for ${cpu.virtType} guests`);
  if (cpu.arch && def.arch && def.arch !== cpu.arch)
    throw notApplicable(`${def.name} is an ${def.arch} guest; the baseline is ${cpu.arch}`);
  const element = baselineCpuElement(cpu);
  const verdict = await compareCpuOn(client, element, guestCpuTarget(def));
  if (!verdict.compatible)
    throw notApplicable(
      `${hostName} could not start ${def.name} with ${cpu.model}${verdict.incompatibleFeatures.length ? `: it lacks ${verdict.incompatibleFeatures.join(', ')}` : ` (${verdict.message})`}; move it to a host that meets the baseline first`,
    );
  try {
    await domainDefineXmlFlags(client, withBaselineCpu(xml, cpu, token), DefineXmlFlags.VALIDATE);
  } catch (error) {
    if (
      error instanceof LibvirtError &&
      ['XML_ERROR', 'XML_INVALID_SCHEMA', 'CONFIG_UNSUPPORTED', 'INVALID_ARG', 'CPU_INCOMPATIBLE'].includes(error.code)
    )
      throw notApplicable(`libvirt refused ${def.name}'s definition with ${cpu.model}: ${messageOf(error)}`);
    throw toDriverError(error, `define ${def.name}`);
  }
}

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (
      error instanceof LibvirtError &&
      (error.code === 'INVALID_ARG' || error.code === 'CONFIG_UNSUPPORTED' || error.code === 'OPERATION_FAILED')
    )
      throw notApplicable(`${what}: ${messageOf(error)}`);
    throw toDriverError(error, what);
  }
}

/** The cluster's hosts that answer now, each with the snapshot it last reported. */
export function baselineHostsOf(registry: HostRegistry, clusterId: string): BaselineHost[] {
  const hosts: BaselineHost[] = [];
  for (const { hostId, connection, session } of registry.connected()) {
    const snapshot = registry.snapshots.get(hostId);
    if (!snapshot || snapshot.clusterId !== clusterId) continue;
    hosts.push({
      hostId,
      name: snapshot.name || connection.label,
      client: session.client,
      arch: snapshot.arch,
      virtType: snapshot.virtType,
      hostModelCpuXml: snapshot.hostModelCpuXml,
      features: snapshot.cpu.features,
    });
  }
  return hosts;
}
