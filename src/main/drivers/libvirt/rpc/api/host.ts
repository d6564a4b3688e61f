// Connection and host procedures. Structs (remote_protocol.x):
//   remote_connect_get_hostname_ret { remote_nonnull_string hostname; }
//   remote_connect_get_version_ret { unsigned hyper hv_ver; }   (lib_ver likewise)
//   remote_connect_get_domain_capabilities_args { remote_string emulatorbin, arch, machine, virttype; unsigned int flags; }
//   remote_node_get_info_ret { char model[32]; unsigned hyper memory; int cpus, mhz, nodes, sockets, cores, threads; }
//   remote_connect_compare_hypervisor_cpu_args { remote_string emulator, arch, machine, virttype; remote_nonnull_string xmlCPU; unsigned int flags; }
//   remote_connect_baseline_hypervisor_cpu_args { ...same four...; remote_nonnull_string xmlCPUs<REMOTE_CPU_BASELINE_MAX>; unsigned int flags; }

import { type LibvirtClient } from '../client';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { readNonNullString, writeNonNullString, writeOptionalString } from '../structs';
import { toSafeNumber, type XdrReader, type XdrWriter } from '../xdr';

const P = RemoteProcedure;

/** libvirt packs versions as major * 1,000,000 + minor * 1,000 + micro. */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly micro: number;
  readonly packed: number;
}

function unpackVersion(packed: number): Version {
  return { major: Math.floor(packed / 1_000_000), minor: Math.floor(packed / 1_000) % 1_000, micro: packed % 1_000, packed };
}

const readString = (r: XdrReader): string => readNonNullString(r);
const readVersion = (r: XdrReader): Version => unpackVersion(toSafeNumber(r.uhyper(), 'version'));

export const connectGetHostname = (c: LibvirtClient): Promise<string> => c.call(P.CONNECT_GET_HOSTNAME, null, readString);
export const connectGetUri = (c: LibvirtClient): Promise<string> => c.call(P.CONNECT_GET_URI, null, readString);
/** Hypervisor (e.g. QEMU) version. */
export const connectGetVersion = (c: LibvirtClient): Promise<Version> => c.call(P.CONNECT_GET_VERSION, null, readVersion);
/** libvirt daemon version. */
export const connectGetLibVersion = (c: LibvirtClient): Promise<Version> => c.call(P.CONNECT_GET_LIB_VERSION, null, readVersion);
export const connectGetCapabilities = (c: LibvirtClient): Promise<string> => c.call(P.CONNECT_GET_CAPABILITIES, null, readString);

/** CONNECT_SUPPORTS_FEATURE with a DriverFeature number. Asking for PROGRAM_KEEPALIVE starts the daemon's pings. */
export function connectSupportsFeature(c: LibvirtClient, feature: number): Promise<boolean> {
  return c.call(
    P.CONNECT_SUPPORTS_FEATURE,
    (w) => w.int(feature),
    (r) => r.int() !== 0,
  );
}

export interface HypervisorTarget {
  readonly emulator?: string;
  readonly arch?: string;
  readonly machine?: string;
  /** Domain type: kvm or qemu. */
  readonly virttype?: string;
}

function writeTarget(w: XdrWriter, target: HypervisorTarget): void {
  writeOptionalString(w, target.emulator);
  writeOptionalString(w, target.arch);
  writeOptionalString(w, target.machine);
  writeOptionalString(w, target.virttype);
}

export function connectGetDomainCapabilities(c: LibvirtClient, target: HypervisorTarget = {}, flags = 0): Promise<string> {
  return c.call(
    P.CONNECT_GET_DOMAIN_CAPABILITIES,
    (w) => {
      writeTarget(w, target);
      w.uint(flags);
    },
    readString,
  );
}

/** virCPUCompareResult. */
export type CpuCompareResult = 'INCOMPATIBLE' | 'IDENTICAL' | 'SUPERSET' | 'ERROR';
/** Pass to make an incompatible CPU an error (with the reason) rather than INCOMPATIBLE. */
export const CPU_COMPARE_FAIL_INCOMPATIBLE = 1;

export function connectCompareHypervisorCpu(
  c: LibvirtClient,
  cpuXml: string,
  target: HypervisorTarget = {},
  flags = 0,
): Promise<CpuCompareResult> {
  const names: Record<number, CpuCompareResult> = { 0: 'INCOMPATIBLE', 1: 'IDENTICAL', 2: 'SUPERSET' };
  return c.call(
    P.CONNECT_COMPARE_HYPERVISOR_CPU,
    (w) => {
      writeTarget(w, target);
      writeNonNullString(w, cpuXml);
      w.uint(flags);
    },
    (r) => names[r.int()] ?? 'ERROR',
  );
}

/** virConnectBaselineCPUFlags: EXPAND_FEATURES lists every feature of the model, not only the extras. */
export const BaselineCpuFlags = { EXPAND_FEATURES: 1, MIGRATABLE: 2 } as const;

export function connectBaselineHypervisorCpu(
  c: LibvirtClient,
  cpuXmls: readonly string[],
  target: HypervisorTarget = {},
  flags = 0,
): Promise<string> {
  return c.call(
    P.CONNECT_BASELINE_HYPERVISOR_CPU,
    (w) => {
      writeTarget(w, target);
      w.array(cpuXmls, writeNonNullString, Limits.CPU_BASELINE);
      w.uint(flags);
    },
    readString,
  );
}

export interface NodeInfo {
  readonly model: string;
  /** Memory in KiB. */
  readonly memoryKiB: number;
  readonly cpus: number;
  readonly mhz: number;
  readonly nodes: number;
  readonly sockets: number;
  readonly cores: number;
  readonly threads: number;
}

export function nodeGetInfo(c: LibvirtClient): Promise<NodeInfo> {
  return c.call(P.NODE_GET_INFO, null, (r) => {
    // `char model[32]` is a fixed array of XDR chars: each char takes a whole 4-byte word.
    const chars = r.fixedArray(32, (x) => x.int() & 0xff);
    const end = chars.indexOf(0);
    const model = Buffer.from(end === -1 ? chars : chars.slice(0, end)).toString('latin1');
    return {
      model,
      memoryKiB: toSafeNumber(r.uhyper(), 'memory'),
      cpus: r.int(),
      mhz: r.int(),
      nodes: r.int(),
      sockets: r.int(),
      cores: r.int(),
      threads: r.int(),
    };
  });
}

/** VIR_NODE_CPU_STATS_ALL_CPUS / VIR_NODE_MEMORY_STATS_ALL_CELLS. */
const ALL_CPUS = -1;
const ALL_CELLS = -1;

type FieldValues = Record<string, bigint>;

function readFieldValues(r: XdrReader, max: number): { params: FieldValues; nparams: number } {
  const entries = r.array((x) => [readNonNullString(x), x.uhyper()] as const, max);
  return { params: Object.fromEntries(entries), nparams: r.int() };
}

/**
 * Host CPU time counters in ns (kernel, user, idle, iowait...), bigint: they outgrow 2^53.
 * Two round trips, as libvirt's API does: the first (nparams = 0) asks how many fields exist.
 */
export async function nodeGetCpuStats(c: LibvirtClient, cpu = ALL_CPUS, flags = 0): Promise<FieldValues> {
  const ask = (nparams: number): Promise<{ params: FieldValues; nparams: number }> =>
    c.call(
      P.NODE_GET_CPU_STATS,
      (w) => w.int(cpu).int(nparams).uint(flags),
      (r) => readFieldValues(r, Limits.NODE_CPU_STATS),
    );
  return (await ask((await ask(0)).nparams)).params;
}

/** Host memory counters in KiB (total, free, buffers, cached). */
export async function nodeGetMemoryStats(c: LibvirtClient, cell = ALL_CELLS, flags = 0): Promise<FieldValues> {
  const ask = (nparams: number): Promise<{ params: FieldValues; nparams: number }> =>
    c.call(
      P.NODE_GET_MEMORY_STATS,
      (w) => w.int(nparams).int(cell).uint(flags),
      (r) => readFieldValues(r, Limits.NODE_MEMORY_STATS),
    );
  return (await ask((await ask(0)).nparams)).params;
}
