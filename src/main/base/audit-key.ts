import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SecretError, type SecretKeyring } from './secrets';

/** The audit chain's HMAC key, and the first record it keys (records before it were chained with plain SHA-256). */
export interface AuditKey {
  key: Buffer;
  keyedFrom: number;
}

export interface AuditKeyStore {
  /** Where the key is kept, for messages. */
  readonly where: string;
  /** The key, or null when none was made yet; a key that cannot be opened is a SecretError. */
  load(): AuditKey | null;
  create(keyedFrom: number): AuditKey;
}

interface KeyFile {
  version: 1;
  sealed: { box: string; sealed: string }[];
}

/**
 * The audit key in a file beside the database (never in it), sealed by the boxes that seal host
 * credentials: someone who can rewrite the database cannot recompute the chain. It is sealed by
 * each box this console has, so the browser console opens what Electron made (as the key file box
 * opens its credentials). The switch point is sealed with the key: it cannot be moved either.
 */
export class SealedAuditKeyFile implements AuditKeyStore {
  constructor(
    readonly where: string,
    private readonly keyring: SecretKeyring,
  ) {}

  load(): AuditKey | null {
    if (!existsSync(this.where)) return null;
    let file: KeyFile;
    try {
      file = JSON.parse(readFileSync(this.where, 'utf8')) as KeyFile;
    } catch {
      throw new SecretError(`${this.where} is not an audit key file`);
    }
    for (const copy of Array.isArray(file.sealed) ? file.sealed : []) {
      try {
        return parseKey(this.keyring.open(copy.box, Buffer.from(copy.sealed, 'base64')));
      } catch (error) {
        if (!(error instanceof SecretError)) throw error;
      }
    }
    throw new SecretError(`the audit key in ${this.where} cannot be opened by this console (was secret.key replaced?)`);
  }

  create(keyedFrom: number): AuditKey {
    const made = { key: randomBytes(32), keyedFrom };
    const plain = JSON.stringify({ key: made.key.toString('hex'), keyedFrom });
    const file: KeyFile = {
      version: 1,
      sealed: this.keyring.sealEach(plain).map((s) => ({ box: s.box, sealed: s.sealed.toString('base64') })),
    };
    // Whole or not at all (a crash mid-write must not leave half a key), and never over a key that
    // exists (its chain would stop verifying): written aside, then linked, which fails if one is there.
    const aside = `${this.where}.${process.pid}.tmp`;
    writeFileSync(aside, JSON.stringify(file), { mode: 0o600, flush: true });
    try {
      linkSync(aside, this.where);
    } finally {
      rmSync(aside, { force: true });
    }
    return made;
  }
}

function parseKey(plain: string): AuditKey {
  const parsed = JSON.parse(plain) as { key?: unknown; keyedFrom?: unknown };
  if (typeof parsed.key !== 'string' || !/^[0-9a-f]{64}$/.test(parsed.key) || !Number.isInteger(parsed.keyedFrom))
    throw new SecretError('the audit key file holds no key');
  return { key: Buffer.from(parsed.key, 'hex'), keyedFrom: parsed.keyedFrom as number };
}
