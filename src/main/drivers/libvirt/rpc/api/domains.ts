// Domain lifecycle and inspection. Structs (remote_protocol.x):
//   remote_connect_list_all_domains_args { int need_results; unsigned int flags; }
//   remote_connect_list_all_domains_ret { remote_nonnull_domain domains<REMOTE_DOMAIN_LIST_MAX>; unsigned int ret; }
//   remote_domain_get_info_ret { unsigned char state; unsigned hyper maxMem, memory; unsigned short nrVirtCpu; unsigned hyper cpuTime; }
//   remote_domain_get_state_args { dom; unsigned int flags; }  _ret { int state; int reason; }
//   remote_domain_create_with_flags_args { dom; unsigned int flags; }  _ret { remote_nonnull_domain dom; }
//   remote_domain_define_xml_flags_args { remote_nonnull_string xml; unsigned int flags; }  _ret { dom; }
//   remote_domain_shutdown_flags_args { remote_nonnull_domain dom; unsigned int flags; }  (no ret)
// Most others take just { remote_nonnull_domain dom; } or { dom; unsigned int flags; }.

import { type LibvirtClient } from '../client';
import { domainStateFromNumber, type DomainStateName } from '../domain-state';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { readDomainRef, readNonNullString, writeDomainRef, writeNonNullString, writeUuid, type DomainRef } from '../structs';
import { toSafeNumber } from '../xdr';

const P = RemoteProcedure;

/** virDomainXMLFlags. MIGRATABLE gives XML suitable for the destination. */
export const DomainXmlFlags = { SECURE: 1, INACTIVE: 2, UPDATE_CPU: 4, MIGRATABLE: 8 } as const;
/** virDomainUndefineFlagsValues (subset). */
/** virConnectListAllDomainsFlags (the ones Ferry asks by). */
export const ListDomainsFlags = { ACTIVE: 1, INACTIVE: 2, PERSISTENT: 4, TRANSIENT: 8 } as const;
/** virDomainDefineFlags: VALIDATE checks the XML against libvirt's schema before defining. */
export const DefineXmlFlags = { VALIDATE: 1 } as const;
/**
 * virDomainShutdownFlagValues that QEMU takes. Both together: the agent first, the ACPI button
 * when the agent is missing or fails; none: the agent if the domain has one, else ACPI.
 */
export const ShutdownFlags = { DEFAULT: 0, ACPI_POWER_BTN: 1, GUEST_AGENT: 2 } as const;
export const UndefineFlags = { MANAGED_SAVE: 1, SNAPSHOTS_METADATA: 2, NVRAM: 4, KEEP_NVRAM: 8, CHECKPOINTS_METADATA: 16 } as const;

export function connectListAllDomains(c: LibvirtClient, flags = 0): Promise<DomainRef[]> {
  return c.call(
    P.CONNECT_LIST_ALL_DOMAINS,
    (w) => w.int(1).uint(flags),
    (r) => {
      const domains = r.array(readDomainRef, Limits.DOMAIN_LIST);
      r.uint(); // count, same as domains.length
      return domains;
    },
  );
}

export function domainLookupByName(c: LibvirtClient, name: string): Promise<DomainRef> {
  return c.call(P.DOMAIN_LOOKUP_BY_NAME, (w) => writeNonNullString(w, name), readDomainRef);
}

export function domainLookupByUuid(c: LibvirtClient, uuid: string): Promise<DomainRef> {
  return c.call(P.DOMAIN_LOOKUP_BY_UUID, (w) => writeUuid(w, uuid), readDomainRef);
}

export function domainGetXmlDesc(c: LibvirtClient, dom: DomainRef, flags = 0): Promise<string> {
  return c.call(
    P.DOMAIN_GET_XML_DESC,
    (w) => {
      writeDomainRef(w, dom);
      w.uint(flags);
    },
    readNonNullString,
  );
}

export interface DomainInfo {
  readonly state: DomainStateName;
  readonly rawState: number;
  readonly maxMemoryKiB: number;
  readonly memoryKiB: number;
  readonly vcpus: number;
  /** CPU time in ns; bigint because it passes 2^53 after ~104 vCPU-days. */
  readonly cpuTimeNs: bigint;
}

export function domainGetInfo(c: LibvirtClient, dom: DomainRef): Promise<DomainInfo> {
  return c.call(
    P.DOMAIN_GET_INFO,
    (w) => writeDomainRef(w, dom),
    (r) => {
      // `unsigned char` and `unsigned short` travel as full 4-byte XDR words.
      const rawState = r.uint();
      return {
        state: domainStateFromNumber(rawState),
        rawState,
        maxMemoryKiB: toSafeNumber(r.uhyper(), 'maxMem'),
        memoryKiB: toSafeNumber(r.uhyper(), 'memory'),
        vcpus: r.uint(),
        cpuTimeNs: r.uhyper(),
      };
    },
  );
}

export interface DomainStateInfo {
  readonly state: DomainStateName;
  readonly rawState: number;
  /** State-specific reason (virDomainRunningReason, virDomainPausedReason, ...). */
  readonly reason: number;
}

export function domainGetState(c: LibvirtClient, dom: DomainRef, flags = 0): Promise<DomainStateInfo> {
  return c.call(
    P.DOMAIN_GET_STATE,
    (w) => {
      writeDomainRef(w, dom);
      w.uint(flags);
    },
    (r) => {
      const rawState = r.int();
      return { state: domainStateFromNumber(rawState), rawState, reason: r.int() };
    },
  );
}

export function domainDefineXmlFlags(c: LibvirtClient, xml: string, flags = 0): Promise<DomainRef> {
  return c.call(
    P.DOMAIN_DEFINE_XML_FLAGS,
    (w) => {
      writeNonNullString(w, xml);
      w.uint(flags);
    },
    readDomainRef,
  );
}

/** Starts a defined domain and returns it with its new id. */
export function domainCreateWithFlags(c: LibvirtClient, dom: DomainRef, flags = 0): Promise<DomainRef> {
  return c.call(
    P.DOMAIN_CREATE_WITH_FLAGS,
    (w) => {
      writeDomainRef(w, dom);
      w.uint(flags);
    },
    readDomainRef,
  );
}

export function domainDestroy(c: LibvirtClient, dom: DomainRef): Promise<void> {
  return c.call(P.DOMAIN_DESTROY, (w) => writeDomainRef(w, dom));
}

/** Asks the guest to shut down and returns at once (the agent's command or the ACPI event was sent). */
export function domainShutdownFlags(c: LibvirtClient, dom: DomainRef, flags = 0): Promise<void> {
  return c.call(P.DOMAIN_SHUTDOWN_FLAGS, (w) => {
    writeDomainRef(w, dom);
    w.uint(flags);
  });
}

export function domainUndefineFlags(c: LibvirtClient, dom: DomainRef, flags = 0): Promise<void> {
  return c.call(P.DOMAIN_UNDEFINE_FLAGS, (w) => {
    writeDomainRef(w, dom);
    w.uint(flags);
  });
}

export function domainSuspend(c: LibvirtClient, dom: DomainRef): Promise<void> {
  return c.call(P.DOMAIN_SUSPEND, (w) => writeDomainRef(w, dom));
}

export function domainResume(c: LibvirtClient, dom: DomainRef): Promise<void> {
  return c.call(P.DOMAIN_RESUME, (w) => writeDomainRef(w, dom));
}

/** virDomainGetBlockInfo: a disk's sizes as QEMU sees them, whether or not a pool lists its file. */
export interface BlockInfo {
  /** Guest-visible size. */
  readonly capacityBytes: number;
  /** Host bytes in use (highest allocated extent). */
  readonly allocationBytes: number;
  /** Size of the container (the file as `ls` shows it). */
  readonly physicalBytes: number;
}

/**
 * `disk` is the target (vda) or the source path. remote_domain_get_block_info_ret puts
 * allocation first, then capacity, then physical: not the C struct's order.
 */
export function domainGetBlockInfo(c: LibvirtClient, dom: DomainRef, disk: string, flags = 0): Promise<BlockInfo> {
  return c.call(
    P.DOMAIN_GET_BLOCK_INFO,
    (w) => {
      writeDomainRef(w, dom);
      writeNonNullString(w, disk);
      w.uint(flags);
    },
    (r) => {
      const allocationBytes = toSafeNumber(r.uhyper(), 'allocation');
      const capacityBytes = toSafeNumber(r.uhyper(), 'capacity');
      return { capacityBytes, allocationBytes, physicalBytes: toSafeNumber(r.uhyper(), 'physical') };
    },
  );
}
