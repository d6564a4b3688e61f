import type { Host, Vm } from '../../../shared/model/inventory';
import type { MigrationType } from '../../../shared/model/migration';
import type { EngineView } from './view';

/** What a precheck needs to know about the moving VM, computed once for however many hosts. */
export interface Subject {
  vm: Vm;
  source: Host | undefined;
  type: MigrationType;
  destDatastoreId: string | null;
  vmAlreadyMigrating: boolean;
  portGroups: readonly string[];
  diskStores: readonly string[];
  pinned: readonly string[];
  /** Its backend can move it powered off (re-register it elsewhere), and copy its disks meanwhile. */
  canMoveCold: boolean;
  canCopyColdDisks: boolean;
  /** Its backend's hypervisor judges CPUs itself (libvirt); the feature lists then refuse nothing. */
  cpuJudgedByHypervisor: boolean;
  memo: SubjectMemo;
}

/** Answers that repeat from host to host, worked out on first use: ranking asks for every host of the estate. */
export interface SubjectMemo {
  /** The guest's CPU features each host feature list lacks, by list (hosts of one model share theirs). */
  cpuFeaturesMissing?: Map<readonly string[], readonly string[]>;
  /** The words after a host's name that reaches none of the guest's datastores. */
  noDiskStoreReached?: string;
  /** The words before the name of a host of another CPU vendor than the guest's. */
  vendorMismatchOpening?: string;
}

export function subjectOf(
  view: EngineView,
  vm: Vm,
  type: MigrationType,
  destDatastoreId: string | null,
  vmAlreadyMigrating: boolean,
): Subject {
  const capabilities = view.driver(view.host(vm.hostId)?.driverId ?? '')?.capabilities;
  return {
    vm,
    source: view.host(vm.hostId),
    type,
    destDatastoreId,
    vmAlreadyMigrating,
    portGroups: [...new Set(vm.nics.map((n) => n.portGroup))],
    diskStores: [...new Set(vm.disks.map((d) => d.datastoreId))],
    pinned: vm.devices.filter((d) => !d.migratable).map((d) => d.name),
    canMoveCold: capabilities?.coldMigration ?? false,
    canCopyColdDisks: capabilities?.coldDiskCopy ?? false,
    cpuJudgedByHypervisor: (capabilities?.cpuCompare ?? false) && !(capabilities?.cpuFeaturesExact ?? true),
    memo: {},
  };
}
