// What one host's inventory looked like when last read: the snapshot the registry keeps per host
// (so a host that drops keeps its guests in Ferry's view) and the inventory reader produces.

import type { HostCpu, PowerState } from '../../../../shared/model/inventory';
import type { PendingCpu } from '../../../../shared/model/cpu-baseline';
import type { DomainDefinition } from '../xml/domain';
import type { PoolDefinition } from '../xml/pool';

export interface VolumeFacts {
  name: string;
  path: string;
  capacityBytes: number;
  allocationBytes: number;
}

export interface PoolFacts {
  def: PoolDefinition;
  active: boolean;
  volumes: VolumeFacts[];
}

export interface DomainFacts {
  def: DomainDefinition;
  power: PowerState;
  cpuTimeNs: bigint;
  cpuFeatures: string[];
  cpuModel: string;
  /** The CPU its persistent definition holds for its next boot, when Ferry wrote one that is not running yet. */
  pendingCpu?: PendingCpu | null;
}

export interface HostSnapshot {
  hostId: string;
  name: string;
  clusterId: string;
  takenAt: number;
  cpu: HostCpu;
  memoryBytes: number;
  virtType: string;
  arch: string;
  /** The host-model CPU (custom XML) the cluster baseline is computed from. */
  hostModelCpuXml: string | null;
  pools: PoolFacts[];
  networks: string[];
  interfaces: { name: string; type: string }[];
  domains: DomainFacts[];
}
