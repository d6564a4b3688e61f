import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Encrypts secrets (host passwords, SSH keys) before they reach the database. */
export interface SecretBox {
  readonly kind: string;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export class SecretError extends Error {
  override name = 'SecretError';
}

const version = Buffer.from([1]);

/**
 * The browser shell's equivalent of Electron's safeStorage: AES-256-GCM with a random key in
 * `secret.key` beside the database, readable by the owner only (0600). It keeps secrets out of
 * the database file and its backups; it does not protect against someone who can read the
 * user's files, which safeStorage (the OS keychain) does.
 */
export class FileKeySecretBox implements SecretBox {
  readonly kind = 'file-key (AES-256-GCM)';
  private readonly key: Buffer;

  constructor(dataDir: string) {
    const file = join(dataDir, 'secret.key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    this.key = readFileSync(file);
    if (this.key.length !== 32) throw new SecretError(`${file} is not a 32-byte key`);
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([version, iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    if (sealed[0] !== 1 || sealed.length < 29) throw new SecretError('unrecognised secret format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretError('a stored secret could not be decrypted (was secret.key replaced?)');
    }
  }
}

/** A secret sealed by one box, with the name of the box that can open it. */
export interface Sealed {
  box: string;
  sealed: Buffer;
}

/**
 * The boxes this console can use, the first one sealing. A secret records which box sealed it: a
 * console that lacks that box (the browser shell cannot reach Electron's keychain) says so with a
 * typed error instead of failing to decrypt, and other secrets open as usual.
 */
export class SecretKeyring {
  constructor(private readonly boxes: readonly SecretBox[]) {
    if (boxes.length === 0) throw new SecretError('no secret box to seal with');
  }

  seal(plain: string): Sealed {
    const box = this.boxes[0] as SecretBox;
    return { box: box.kind, sealed: box.encrypt(plain) };
  }

  /** Sealed by every box, for a secret each shell must open (the audit key). */
  sealEach(plain: string): Sealed[] {
    return this.boxes.map((box) => ({ box: box.kind, sealed: box.encrypt(plain) }));
  }

  /** `box` null: sealed before boxes were recorded; each box is tried. */
  open(box: string | null, sealed: Buffer): string {
    const candidates = box === null ? this.boxes : this.boxes.filter((b) => b.kind === box);
    if (candidates.length === 0) throw new SecretError(`sealed by ${box}, which this console cannot open`);
    let last: unknown = null;
    for (const candidate of candidates) {
      try {
        return candidate.decrypt(sealed);
      } catch (error) {
        last = error;
      }
    }
    throw last instanceof SecretError ? last : new SecretError(`a stored secret could not be opened (${String(last)})`);
  }
}
