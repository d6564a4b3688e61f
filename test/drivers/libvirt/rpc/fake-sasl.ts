// The daemon side of libvirt's SASL SCRAM exchange, for auth tests against FakeLibvirtd: it
// checks the client's proof against a known password and answers like libvirtd 9.0 (error 45 in
// domain 7 on a wrong proof; `complete=1` with `v=` on success).

import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { RemoteProcedure as P, type XdrReader, type XdrWriter } from '../../../../src/main/drivers/libvirt/rpc';
import type { FakeCall, FakeLibvirtd } from './fake-libvirtd';

export const VIR_FROM_RPC = 7;
export const VIR_FROM_POLKIT = 60;
export const VIR_FROM_DBUS = 47;

export interface FakeSaslOptions {
  mechlist: string;
  username: string;
  password: string;
  /** Sends a server signature computed from another password: a daemon that does not know ours. */
  forgeSignature?: boolean;
  /** Sends v= with complete=0 (a server without SASL_SUCCESS_DATA) and completes on the next, empty step. */
  finalAsChallenge?: boolean;
}

function readSaslData(r: XdrReader): Buffer | null {
  const nil = r.int();
  const data = r.charArray();
  return nil ? null : data;
}

function writeSaslReply(w: XdrWriter, complete: boolean, data: Buffer | null): void {
  w.int(complete ? 1 : 0)
    .int(data ? 0 : 1)
    .charArray(data ?? Buffer.alloc(0));
}

const failAuth = (c: FakeCall): void => c.fail(45, 'authentication failed: authentication failed', VIR_FROM_RPC);

/** Answers AUTH_LIST [SASL], INIT, START and STEP; records what the client sent. */
export function serveSasl(daemon: FakeLibvirtd, options: FakeSaslOptions): { messages: string[]; mechanisms: string[] } {
  const seen = { messages: [] as string[], mechanisms: [] as string[] };
  const salt = randomBytes(16);
  let clientFirstBare = '';
  let serverFirst = '';
  let hash: 'sha256' | 'sha1' = 'sha256';
  daemon
    .on(P.AUTH_LIST, (c) => c.reply((w) => w.array([1], (x, v) => x.int(v))))
    .on(P.AUTH_SASL_INIT, (c) => c.reply((w) => w.string(options.mechlist)))
    .on(P.AUTH_SASL_START, (c) => {
      const mechanism = c.args.string();
      const data = readSaslData(c.args)!.toString('utf8');
      seen.mechanisms.push(mechanism);
      seen.messages.push(data);
      hash = mechanism === 'SCRAM-SHA-1' ? 'sha1' : 'sha256';
      clientFirstBare = data.slice(3);
      const nonce = /r=([^,]+)/.exec(data)![1]!;
      serverFirst = `r=${nonce}srv${randomBytes(6).toString('hex')},s=${salt.toString('base64')},i=4096`;
      c.reply((w) => writeSaslReply(w, false, Buffer.from(serverFirst)));
    })
    .on(P.AUTH_SASL_STEP, (c) => {
      const data = readSaslData(c.args)!.toString('utf8');
      if (options.finalAsChallenge && data === '' && seen.messages.length === 2) return c.reply((w) => writeSaslReply(w, true, null));
      seen.messages.push(data);
      const withoutProof = data.replace(/,p=.*$/, '');
      const proof = Buffer.from(/p=(.*)$/.exec(data)![1]!, 'base64');
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const keys = (password: string) => {
        const salted = pbkdf2Sync(password, salt, 4096, hash === 'sha1' ? 20 : 32, hash);
        const clientKey = createHmac(hash, salted).update('Client Key').digest();
        const storedKey = createHash(hash).update(clientKey).digest();
        const serverKey = createHmac(hash, salted).update('Server Key').digest();
        return { clientKey, storedKey, serverKey };
      };
      const { clientKey, storedKey } = keys(options.password);
      const signature = createHmac(hash, storedKey).update(authMessage).digest();
      const expected = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
      if (!expected.equals(proof)) return failAuth(c);
      const { serverKey } = keys(options.forgeSignature ? `${options.password}-not` : options.password);
      const v = createHmac(hash, serverKey).update(authMessage).digest('base64');
      c.reply((w) => writeSaslReply(w, !options.finalAsChallenge, Buffer.from(`v=${v}`)));
    });
  return seen;
}
