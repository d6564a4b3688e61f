// SCRAM client (RFC 5802; SCRAM-SHA-256 is RFC 7677): the SASL mechanism libvirt offers on unix,
// ssh and TLS sockets. No channel binding (libvirt gives cyrus none, so `n,,`), no authzid, and the
// server's signature (`v=`) is checked: a daemon that does not know the password cannot pass.

import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** Mechanism name → hash, best first: the order Ferry picks in. */
export const SCRAM_MECHANISMS = { 'SCRAM-SHA-256': 'sha256', 'SCRAM-SHA-1': 'sha1' } as const;
export type ScramMechanism = keyof typeof SCRAM_MECHANISMS;

/** A hostile server could ask for billions of PBKDF2 rounds to hang us; cyrus uses 4096. */
const MAX_ITERATIONS = 1_000_000;
const GS2_HEADER = 'n,,';

export class ScramError extends Error {
  override readonly name = 'ScramError';
}

/** `=` → `=3D`, `,` → `=2C` (RFC 5802 §5.1 saslname). */
const saslName = (name: string): string => name.replace(/=/g, '=3D').replace(/,/g, '=2C');

function attributes(message: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) map.set(part[0]!, part.slice(2));
  }
  return map;
}

export class ScramClient {
  private readonly hash: 'sha256' | 'sha1';
  private readonly clientFirstBare: string;
  private serverSignature: Buffer | null = null;

  constructor(
    readonly mechanism: ScramMechanism,
    username: string,
    private readonly password: string,
    private readonly clientNonce: string = randomBytes(24).toString('base64'),
  ) {
    this.hash = SCRAM_MECHANISMS[mechanism];
    this.clientFirstBare = `n=${saslName(username)},r=${clientNonce}`;
  }

  /** client-first-message: `n,,n=<user>,r=<nonce>`. */
  clientFirst(): Buffer {
    return Buffer.from(GS2_HEADER + this.clientFirstBare, 'utf8');
  }

  /** client-final-message with the proof, from the server-first-message. */
  async clientFinal(serverFirstBytes: Buffer): Promise<Buffer> {
    const serverFirst = serverFirstBytes.toString('utf8');
    const attrs = attributes(serverFirst);
    if (attrs.has('e')) throw new ScramError(`the server refused: ${attrs.get('e')}`);
    const nonce = attrs.get('r');
    const salt = attrs.get('s');
    const iterations = Number(attrs.get('i'));
    if (!nonce || !salt || !attrs.has('i')) throw new ScramError('malformed server-first-message');
    if (!nonce.startsWith(this.clientNonce) || nonce.length === this.clientNonce.length) {
      throw new ScramError('the server nonce does not extend ours');
    }
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new ScramError(`iteration count ${attrs.get('i')} out of range`);
    }
    const keyLength = createHash(this.hash).digest().length;
    const salted = await pbkdf2Async(Buffer.from(this.password, 'utf8'), Buffer.from(salt, 'base64'), iterations, keyLength, this.hash);
    const withoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`;
    const clientKey = this.hmac(salted, 'Client Key');
    const storedKey = createHash(this.hash).update(clientKey).digest();
    const clientSignature = this.hmac(storedKey, authMessage);
    const proof = Buffer.from(clientKey.map((byte, i) => byte ^ clientSignature[i]!));
    this.serverSignature = this.hmac(this.hmac(salted, 'Server Key'), authMessage);
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  /** Checks the server-final-message (`v=<signature>`): proof that the server knows the password too. */
  verifyServerFinal(serverFinalBytes: Buffer): void {
    if (!this.serverSignature) throw new ScramError('server-final-message before client-final-message');
    const attrs = attributes(serverFinalBytes.toString('utf8'));
    if (attrs.has('e')) throw new ScramError(`the server refused: ${attrs.get('e')}`);
    const v = attrs.get('v');
    if (!v) throw new ScramError('malformed server-final-message');
    const got = Buffer.from(v, 'base64');
    if (got.length !== this.serverSignature.length || !timingSafeEqual(got, this.serverSignature)) {
      throw new ScramError('the server signature is wrong: this daemon does not know the password');
    }
  }

  private hmac(key: Buffer, data: string): Buffer {
    return createHmac(this.hash, key).update(data, 'utf8').digest();
  }
}
