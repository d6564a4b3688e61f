// Block jobs: copying a running guest's disk to another file and pivoting onto it (storage-only
// migration, the virDomainBlockCopy path). Structs (remote_protocol.x):
//   remote_domain_block_copy_args { remote_nonnull_domain dom; remote_nonnull_string path; remote_nonnull_string destxml;
//       remote_typed_param params<REMOTE_DOMAIN_BLOCK_COPY_PARAMETERS_MAX>; unsigned int flags; }
//   remote_domain_get_block_job_info_args { dom; remote_nonnull_string path; unsigned int flags; }
//   remote_domain_get_block_job_info_ret { int found; int type; unsigned hyper bandwidth; unsigned hyper cur; unsigned hyper end; }
//   remote_domain_block_job_abort_args { dom; remote_nonnull_string path; unsigned int flags; }

import { type LibvirtClient } from '../client';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { writeDomainRef, writeNonNullString, type DomainRef } from '../structs';
import { typedParam, writeTypedParams, type TypedParam } from '../typed-params';
import { toSafeNumber } from '../xdr';

const P = RemoteProcedure;

/** virDomainBlockCopyFlags. */
export const BlockCopyFlags = {
  /** Copy only the top of the backing chain. */
  SHALLOW: 1 << 0,
  /** The destination file exists already (pre-created): open it rather than create it. */
  REUSE_EXT: 1 << 1,
  /** Needed for persistent domains: the job is not recovered after a daemon restart. */
  TRANSIENT_JOB: 1 << 2,
  SYNCHRONOUS_WRITES: 1 << 3,
} as const;

/** virDomainBlockJobAbortFlags. */
export const BlockJobAbortFlags = { ASYNC: 1 << 0, PIVOT: 1 << 1 } as const;

/** virDomainBlockJobInfoFlags. */
export const BlockJobInfoFlags = { BANDWIDTH_BYTES: 1 << 0 } as const;

/** virDomainBlockJobType. */
const BLOCK_JOB_TYPES = ['UNKNOWN', 'PULL', 'COPY', 'COMMIT', 'ACTIVE_COMMIT', 'BACKUP'] as const;
type BlockJobTypeName = (typeof BLOCK_JOB_TYPES)[number];

export interface BlockCopyOptions {
  /** Bytes per second; absent = unlimited. */
  readonly bandwidthBps?: number;
  readonly granularity?: number;
  readonly bufSize?: number;
}

/** Starts mirroring disk `path` (target dev like "vda", or its source path) to the disk described by `destXml`. */
export function domainBlockCopy(
  c: LibvirtClient,
  dom: DomainRef,
  path: string,
  destXml: string,
  options: BlockCopyOptions = {},
  flags = 0,
): Promise<void> {
  const params: TypedParam[] = [];
  if (options.bandwidthBps !== undefined) params.push(typedParam.ullong('bandwidth', options.bandwidthBps));
  if (options.granularity !== undefined) params.push(typedParam.uint('granularity', options.granularity));
  if (options.bufSize !== undefined) params.push(typedParam.ullong('buf-size', options.bufSize));
  return c.call(P.DOMAIN_BLOCK_COPY, (w) => {
    writeDomainRef(w, dom);
    writeNonNullString(w, path);
    writeNonNullString(w, destXml);
    writeTypedParams(w, params, Limits.BLOCK_COPY_PARAMETERS);
    w.uint(flags);
  });
}

export interface BlockJobInfo {
  readonly type: BlockJobTypeName;
  /** Bytes per second with BlockJobInfoFlags.BANDWIDTH_BYTES, else MiB/s. */
  readonly bandwidth: number;
  /** Progress: `cur` of `end` (bytes for copy jobs); a mirror is ready to pivot when they meet. */
  readonly cur: number;
  readonly end: number;
}

/** The disk's block job, or null when it has none (anymore). */
export function domainGetBlockJobInfo(c: LibvirtClient, dom: DomainRef, path: string, flags = 0): Promise<BlockJobInfo | null> {
  return c.call(
    P.DOMAIN_GET_BLOCK_JOB_INFO,
    (w) => {
      writeDomainRef(w, dom);
      writeNonNullString(w, path);
      w.uint(flags);
    },
    (r) => {
      const found = r.int();
      const type = BLOCK_JOB_TYPES[r.int()] ?? 'UNKNOWN';
      const bandwidth = toSafeNumber(r.uhyper(), 'bandwidth');
      const cur = toSafeNumber(r.uhyper(), 'cur');
      const end = toSafeNumber(r.uhyper(), 'end');
      return found === 1 ? { type, bandwidth, cur, end } : null;
    },
  );
}

/** Ends the disk's block job: with PIVOT a ready copy becomes the disk; without, the copy is dropped. */
export function domainBlockJobAbort(c: LibvirtClient, dom: DomainRef, path: string, flags = 0): Promise<void> {
  return c.call(P.DOMAIN_BLOCK_JOB_ABORT, (w) => {
    writeDomainRef(w, dom);
    writeNonNullString(w, path);
    w.uint(flags);
  });
}
