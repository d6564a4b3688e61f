// The five RPCs of libvirt's authentication phase (remote_protocol.x, procs 66-70). SASL data is
// `char data<65536>` plus a `nil` flag: nil=1 is C's NULL (no data), nil=0 is data, maybe empty;
// SASL tells the two apart.

import { type LibvirtClient } from '../client';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { type XdrReader, type XdrWriter } from '../xdr';

export interface SaslReply {
  readonly complete: boolean;
  readonly data: Buffer | null;
}

/** Auth calls are small; a daemon that does not answer within this is not going to. */
const AUTH_CALL_TIMEOUT_MS = 30_000;
const timeout = { timeoutMs: AUTH_CALL_TIMEOUT_MS };

function writeSaslData(w: XdrWriter, data: Buffer | null): void {
  w.int(data === null ? 1 : 0);
  w.charArray(data ?? Buffer.alloc(0), Limits.AUTH_SASL_DATA);
}

function readSaslReply(r: XdrReader): SaslReply {
  const complete = r.int() !== 0;
  const nil = r.int() !== 0;
  const data = r.charArray(Limits.AUTH_SASL_DATA);
  return { complete, data: nil ? null : data };
}

/** AUTH_LIST: the auth types of the socket we came in on (libvirt sends exactly one). */
export function authList(client: LibvirtClient): Promise<number[]> {
  return client.call(RemoteProcedure.AUTH_LIST, null, (r) => r.array((x) => x.int(), Limits.AUTH_TYPE_LIST), timeout);
}

/** AUTH_SASL_INIT: the mechanisms the daemon offers on this socket, upper case. */
export function authSaslInit(client: LibvirtClient): Promise<string[]> {
  return client.call(
    RemoteProcedure.AUTH_SASL_INIT,
    null,
    (r) =>
      r
        .string()
        .split(',')
        .map((m) => m.trim().toUpperCase())
        .filter(Boolean),
    timeout,
  );
}

export function authSaslStart(client: LibvirtClient, mechanism: string, data: Buffer | null): Promise<SaslReply> {
  return client.call(
    RemoteProcedure.AUTH_SASL_START,
    (w) => {
      w.string(mechanism);
      writeSaslData(w, data);
    },
    readSaslReply,
    timeout,
  );
}

export function authSaslStep(client: LibvirtClient, data: Buffer | null): Promise<SaslReply> {
  return client.call(RemoteProcedure.AUTH_SASL_STEP, (w) => writeSaslData(w, data), readSaslReply, timeout);
}

/** AUTH_POLKIT: the daemon asks polkit about our peer credentials; there is nothing to send. */
export function authPolkit(client: LibvirtClient): Promise<boolean> {
  return client.call(RemoteProcedure.AUTH_POLKIT, null, (r) => r.int() !== 0, timeout);
}
