// Reads one host's inventory over its connection: pools and their volumes, networks, bridges,
// domains with their state and CPU features. What never changes during a connection (the
// host-model CPU, expanded guest CPU models) is computed once per connection.

import type { HostCpu, PowerState } from '../../../../shared/model/inventory';
import type { LibvirtHostConfig } from '../hosts/config';
import { expandCpu, guestCpuTarget, hostCpuOutcome, type HostCpuOutcome } from './cpu-features';
import { isNotFound } from '../hosts/error-mapping';
import type { HostSession } from '../hosts/host-connection';
import type { DomainFacts, HostSnapshot, PoolFacts, VolumeFacts } from '../hosts/host-snapshot';
import {
  connectListAllDomains,
  connectListAllInterfaces,
  connectListAllNetworks,
  connectListAllStoragePools,
  domainGetInfo,
  domainGetXmlDesc,
  DomainXmlFlags,
  interfaceGetXmlDesc,
  LibvirtError,
  ListInterfacesFlags,
  ListNetworksFlags,
  storagePoolGetInfo,
  storagePoolGetXmlDesc,
  storagePoolListAllVolumes,
  storageVolGetInfo,
  storageVolGetPath,
  type DomainRef,
  type DomainStateName,
  type LibvirtClient,
} from '../rpc';
import { chooseVirtType } from '../xml/capabilities';
import { enabledFeatures } from '../xml/cpu';
import { baselineTokenOf } from '../xml/cpu-rewrite';
import type { PendingCpu } from '../../../../shared/model/cpu-baseline';
import { parseDomain, type DomainDefinition } from '../xml/domain';
import { parseHostInterface } from '../xml/network';
import { parsePool } from '../xml/pool';
import { assertNever } from '../../../base/assert-never';

/** Per-connection facts that are expensive and do not change while connected. */
interface SessionCache {
  hostModel: Promise<HostCpuOutcome>;
  expanded: Map<string, Promise<string[]>>;
}

const caches = new WeakMap<HostSession, SessionCache>();

function cacheOf(session: HostSession, virtType: string): SessionCache {
  let cache = caches.get(session);
  if (!cache) {
    cache = { hostModel: hostCpuOutcome(session.client, session.capabilities.arch, virtType), expanded: new Map() };
    caches.set(session, cache);
  }
  return cache;
}

export function powerOf(state: DomainStateName): PowerState {
  switch (state) {
    case 'RUNNING':
    case 'BLOCKED':
      return 'running';
    case 'PAUSED':
    case 'PMSUSPENDED':
      return 'paused';
    case 'SHUTDOWN':
    case 'SHUTOFF':
    case 'CRASHED':
      return 'off';
    case 'NOSTATE':
    case 'UNKNOWN':
      return 'unknown';
    default:
      return assertNever(state);
  }
}

export async function readHostSnapshot(session: HostSession, config: LibvirtHostConfig): Promise<HostSnapshot> {
  const { client, capabilities, nodeInfo } = session;
  const virtType = chooseVirtType(capabilities.virtTypes, config.virtType);
  const cache = cacheOf(session, virtType);
  const [hostCpuRead, pools, networks, interfaces, domains] = await Promise.all([
    cache.hostModel,
    readPools(client),
    readNetworks(client),
    readInterfaces(client),
    readDomains(client),
  ]);
  const hostModel = hostCpuRead.model;
  // capabilities lists only the features beyond the host's model: incomplete, and said to be.
  const hostFeatures = hostModel?.features ?? enabledFeatures(capabilities.cpu);
  const vendor = (capabilities.cpu.vendor ?? '').toLowerCase();
  const cpu: HostCpu = {
    vendor: vendor === 'intel' ? 'intel' : vendor === 'amd' ? 'amd' : 'unknown',
    family: capabilities.family,
    model: capabilities.model,
    modelName: capabilities.cpu.model ?? nodeInfo.model,
    features: hostFeatures,
    featuresError: hostCpuRead.error,
    cores: Math.max(1, nodeInfo.cpus || capabilities.topologyCpus),
  };
  const withFeatures = await Promise.all(domains.map(async (d) => ({ ...d, ...(await guestCpu(d.def, client, cache, hostFeatures)) })));
  return {
    hostId: session.hostId,
    name: config.name ?? session.hostname,
    clusterId: config.clusterId,
    takenAt: Date.now(),
    cpu,
    memoryBytes: nodeInfo.memoryKiB * 1024,
    virtType,
    arch: capabilities.arch,
    hostModelCpuXml: hostModel?.xml ?? null,
    pools,
    networks,
    interfaces,
    domains: withFeatures,
  };
}

/**
 * A guest's CPU features: host-passthrough guests use the host's; a custom model (which is also
 * what a running host-model guest shows) is expanded by libvirt, once per model and connection.
 */
async function guestCpu(
  def: DomainDefinition,
  client: LibvirtClient,
  cache: SessionCache,
  hostFeatures: string[],
): Promise<{ cpuFeatures: string[]; cpuModel: string }> {
  const mode = def.cpu?.mode ?? 'custom';
  // An inactive host-model guest shows only the mode; once running, libvirt writes out the model.
  if (mode === 'host-passthrough' || mode === 'maximum' || mode === 'host-model') return { cpuFeatures: hostFeatures, cpuModel: mode };
  // No model: the hypervisor's default CPU, whose features libvirt does not spell out.
  if (!def.cpuXml || !def.cpu?.model) return { cpuFeatures: [], cpuModel: 'default' };
  const key = `${def.virtType}|${def.emulator ?? ''}|${def.arch ?? ''}|${def.machine ?? ''}|${def.cpuXml}`;
  let features = cache.expanded.get(key);
  if (!features) {
    // If libvirt cannot expand it, the explicitly listed features are an honest subset (a guest
    // listed with fewer features is never refused for them; the destination's comparison judges).
    features = expandCpu(client, def.cpuXml, guestCpuTarget(def)).then(enabledFeatures, () => (def.cpu ? enabledFeatures(def.cpu) : []));
    cache.expanded.set(key, features);
  }
  return { cpuFeatures: await features, cpuModel: def.cpu.model };
}

export async function readPools(client: LibvirtClient): Promise<PoolFacts[]> {
  const refs = await connectListAllStoragePools(client);
  const pools = await Promise.all(
    refs.map(async (ref) => {
      try {
        const [xml, info] = await Promise.all([storagePoolGetXmlDesc(client, ref), storagePoolGetInfo(client, ref)]);
        const active = info.state === 'RUNNING' || info.state === 'DEGRADED';
        const volumes = active ? await readVolumes(client, ref) : [];
        return { def: { ...parsePool(xml), capacityBytes: info.capacityBytes, availableBytes: info.availableBytes }, active, volumes };
      } catch (error) {
        if (isNotFound(error)) return null; // removed while we looked
        throw error;
      }
    }),
  );
  return pools.filter((p): p is PoolFacts => p !== null);
}

async function readVolumes(client: LibvirtClient, pool: Parameters<typeof storagePoolListAllVolumes>[1]): Promise<VolumeFacts[]> {
  const vols = await storagePoolListAllVolumes(client, pool);
  const facts = await Promise.all(
    vols.map(async (vol) => {
      try {
        const [path, info] = await Promise.all([storageVolGetPath(client, vol), storageVolGetInfo(client, vol)]);
        return { name: vol.name, path, capacityBytes: info.capacityBytes, allocationBytes: info.allocationBytes };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    }),
  );
  return facts.filter((v): v is VolumeFacts => v !== null);
}

async function readNetworks(client: LibvirtClient): Promise<string[]> {
  try {
    return (await connectListAllNetworks(client, ListNetworksFlags.ACTIVE)).map((n) => n.name).sort();
  } catch (error) {
    if (unsupported(error)) return []; // a daemon without the network driver
    throw error;
  }
}

/** Host interfaces through libvirt's interface driver; hosts without one list none (bridges in use still count). */
async function readInterfaces(client: LibvirtClient): Promise<{ name: string; type: string }[]> {
  try {
    const refs = await connectListAllInterfaces(client, ListInterfacesFlags.ACTIVE);
    return await Promise.all(refs.map(async (ref) => parseHostInterface(await interfaceGetXmlDesc(client, ref))));
  } catch (error) {
    if (unsupported(error)) return [];
    throw error;
  }
}

export async function readDomains(client: LibvirtClient): Promise<Omit<DomainFacts, 'cpuFeatures' | 'cpuModel'>[]> {
  const refs = await connectListAllDomains(client);
  const domains = await Promise.all(
    refs.map(async (ref) => {
      try {
        const [xml, info] = await Promise.all([domainGetXmlDesc(client, ref), domainGetInfo(client, ref)]);
        const power = powerOf(info.state);
        const pendingCpu = power === 'off' ? null : await pendingCpuOf(client, ref, xml);
        return { def: parseDomain(xml), power, cpuTimeNs: info.cpuTimeNs, pendingCpu };
      } catch (error) {
        if (isNotFound(error)) return null; // undefined while we looked (e.g. the end of a migration)
        throw error;
      }
    }),
  );
  return domains.filter((d): d is NonNullable<typeof d> => d !== null);
}

/**
 * A baseline CPU Ferry wrote into the next-boot definition of a guest that still runs with
 * another: the two definitions carry different markers. A transient guest has no next boot.
 */
async function pendingCpuOf(client: LibvirtClient, ref: DomainRef, liveXml: string): Promise<PendingCpu | null> {
  let inactiveXml: string;
  try {
    inactiveXml = await domainGetXmlDesc(client, ref, DomainXmlFlags.INACTIVE);
  } catch {
    return null;
  }
  const token = baselineTokenOf(inactiveXml);
  if (token === null || token === baselineTokenOf(liveXml)) return null;
  const cpu = parseDomain(inactiveXml).cpu;
  return cpu?.model ? { model: cpu.model, features: enabledFeatures(cpu) } : null;
}

const unsupported = (error: unknown): boolean =>
  error instanceof LibvirtError && (error.code === 'NO_SUPPORT' || error.code === 'OPERATION_UNSUPPORTED');
