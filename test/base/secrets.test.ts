import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeySecretBox, SecretError, SecretKeyring } from '../../src/main/base/secrets';
import { useTempDirs } from '../helpers/temp-dir';

describe('secrets at rest (browser shell key file)', () => {
  const tempDir = useTempDirs();

  it('round-trips, never repeats a ciphertext, and hides the plain text', () => {
    const box = new FileKeySecretBox(tempDir());
    const secret = '{"kind":"password","password":"hunter2"}';
    const a = box.encrypt(secret);
    const b = box.encrypt(secret);
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('hunter2');
    expect(box.decrypt(a)).toBe(secret);
  });

  it('keeps the key readable by its owner only, and reuses it across restarts', () => {
    const dir = tempDir();
    const sealed = new FileKeySecretBox(dir).encrypt('s3cret');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(new FileKeySecretBox(dir).decrypt(sealed)).toBe('s3cret');
  });

  it('refuses a tampered ciphertext or a replaced key with a typed error', () => {
    const dir = tempDir();
    const box = new FileKeySecretBox(dir);
    const sealed = box.encrypt('s3cret');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => box.decrypt(tampered)).toThrow(SecretError);
    writeFileSync(join(dir, 'secret.key'), Buffer.alloc(32, 7));
    expect(() => new FileKeySecretBox(dir).decrypt(sealed)).toThrow(SecretError);
    expect(readFileSync(join(dir, 'secret.key')).length).toBe(32);
  });
});

describe('the keyring: which box sealed a secret', () => {
  const tempDir = useTempDirs();
  const keychain = {
    kind: 'electron safeStorage',
    encrypt: (plain: string) => Buffer.from(`kc:${plain}`),
    decrypt: (sealed: Buffer) => {
      // As the OS keychain does, it refuses what it did not seal.
      if (!sealed.toString().startsWith('kc:'))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return sealed.toString().slice(3);
    },
  };

  it('seals with the first box and records which; opens with that box only', () => {
    const file = new FileKeySecretBox(tempDir());
    const desktop = new SecretKeyring([keychain, file]);
    const sealed = desktop.seal('hunter2');
    expect(sealed.box).toBe('electron safeStorage');
    expect(desktop.open(sealed.box, sealed.sealed)).toBe('hunter2');
    // The browser console has no keychain: it says so, with a typed error, rather than failing to decrypt.
    const browser = new SecretKeyring([file]);
    expect(() => browser.open(sealed.box, sealed.sealed)).toThrow(SecretError);
    expect(() => browser.open(sealed.box, sealed.sealed)).toThrow(/cannot open/);
    // What the browser console sealed, the desktop app opens (it keeps the key file as its second box).
    const fromBrowser = browser.seal('s3cret');
    expect(desktop.open(fromBrowser.box, fromBrowser.sealed)).toBe('s3cret');
  });

  it('tries every box for a secret saved before boxes were recorded', () => {
    const file = new FileKeySecretBox(tempDir());
    const legacy = file.encrypt('old');
    expect(new SecretKeyring([keychain, file]).open(null, legacy)).toBe('old');
  });
});
