// A guest's memory dirty rate, measured by QEMU on request. Structs (remote_protocol.x):
//   remote_domain_start_dirty_rate_calc_args { remote_nonnull_domain dom; int seconds; unsigned int flags; }  (no reply body)
//   remote_connect_get_all_domain_stats_args { remote_nonnull_domain doms<REMOTE_DOMAIN_LIST_MAX>; unsigned int stats; unsigned int flags; }
//   remote_domain_stats_record { remote_nonnull_domain dom; remote_typed_param params<REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX>; }
//   remote_connect_get_all_domain_stats_ret { remote_domain_stats_record retStats<REMOTE_DOMAIN_LIST_MAX>; }
// The stats fields are qemu_driver.c's qemuDomainGetStatsDirtyRate (libvirt 9.0).

import { type LibvirtClient } from '../client';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { readDomainRef, writeDomainRef, type DomainRef } from '../structs';
import { readTypedParams, typedParamNumber, type TypedParam } from '../typed-params';
import { toSafeNumber } from '../xdr';

const P = RemoteProcedure;

/**
 * virDomainDirtyRateCalcFlags. Only PAGE_SAMPLING is ever sent: DIRTY_BITMAP crashed QEMU 7.2 on a
 * TCG guest (research memo 13, §6), and DIRTY_RING needs the kvm dirty-ring feature in the domain.
 */
export const DirtyRateCalcMode = { PAGE_SAMPLING: 0 } as const;
/** virDomainStatsTypes: the group that carries the last dirty-rate calculation. */
export const DomainStatsTypes = { DIRTYRATE: 1 << 9 } as const;
/** QEMU measures for 1 to 60 seconds; libvirt refuses anything else. */
export const DIRTY_RATE_SECONDS = { min: 1, max: 60 } as const;

/** Starts a page-sampling dirty-rate calculation; the result appears in the dirtyrate stats group. */
export function domainStartDirtyRateCalc(c: LibvirtClient, dom: DomainRef, seconds: number): Promise<void> {
  if (!Number.isInteger(seconds) || seconds < DIRTY_RATE_SECONDS.min || seconds > DIRTY_RATE_SECONDS.max)
    throw new RangeError(`dirty-rate seconds must be ${DIRTY_RATE_SECONDS.min}..${DIRTY_RATE_SECONDS.max}, got ${seconds}`);
  return c.call(P.DOMAIN_START_DIRTY_RATE_CALC, (w) => {
    writeDomainRef(w, dom);
    w.int(seconds).uint(DirtyRateCalcMode.PAGE_SAMPLING);
  });
}

export interface DomainStatsRecord {
  readonly dom: DomainRef;
  readonly params: TypedParam[];
}

/** virDomainListGetStats for the given domains (an empty list means every domain: virConnectGetAllDomainStats). */
export function connectGetAllDomainStats(
  c: LibvirtClient,
  doms: readonly DomainRef[],
  stats: number,
  flags = 0,
): Promise<DomainStatsRecord[]> {
  return c.call(
    P.CONNECT_GET_ALL_DOMAIN_STATS,
    (w) => {
      w.array(doms, writeDomainRef, Limits.DOMAIN_LIST);
      w.uint(stats).uint(flags);
    },
    (r) => r.array((x) => ({ dom: readDomainRef(x), params: readTypedParams(x, Limits.ALL_DOMAIN_STATS) }), Limits.DOMAIN_LIST),
  );
}

/** virDomainDirtyRateStatus, and what we could not map. */
export type DirtyRateStatus = 'unstarted' | 'measuring' | 'measured' | 'unknown';

export interface DirtyRateStats {
  status: DirtyRateStatus;
  /** Bytes per second; null unless measured (a missing value is "not measured", never zero). */
  bytesPerSecond: number | null;
  periodSeconds: number | null;
  mode: string | null;
  /** QEMU's realtime clock in seconds (about the host's uptime), not an epoch: compare, never show. */
  startTime: number | null;
}

const STATUS: Record<number, DirtyRateStatus> = { 0: 'unstarted', 1: 'measuring', 2: 'measured' };

/** Reads the dirtyrate.* fields of one domain's stats record. */
export function dirtyRateOf(params: readonly TypedParam[]): DirtyRateStats {
  const field = (name: string) => params.find((p) => p.field === `dirtyrate.${name}`)?.value;
  const number = (name: string): number | null => {
    const value = field(name);
    const n = value ? typedParamNumber(value) : undefined;
    return n === undefined ? null : typeof n === 'bigint' ? toSafeNumber(n, `dirtyrate.${name}`) : n;
  };
  const status = number('calc_status');
  const mode = field('calc_mode');
  const known = status === null ? 'unknown' : (STATUS[status] ?? 'unknown');
  // libvirt's "megabytes" are QEMU's MiB (dirtyrate.c divides by 1 << 20).
  const mibps = number('megabytes_per_second');
  return {
    status: known,
    bytesPerSecond: known === 'measured' && mibps !== null ? Math.max(0, mibps) * 1024 ** 2 : null,
    periodSeconds: number('calc_period'),
    mode: mode?.type === 'string' ? mode.value : null,
    startTime: number('calc_start_time'),
  };
}
