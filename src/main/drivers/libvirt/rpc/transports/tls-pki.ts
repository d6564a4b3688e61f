// Where a qemu+tls:// client finds its CA, client certificate and key, resolved the way libvirt's
// own client does (virnettlscontext.c), so a host that works with `virsh -c qemu+tls://…` works
// with Ferry: an explicit directory (the URI's `pkipath=`, or the host's certificate directory in
// Ferry) is used alone; otherwise root uses /etc/pki, anyone else ~/.pki/libvirt, each file falling
// back to the /etc/pki one when missing (the certificate and key as a pair).

import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TlsTransportError } from './tls-errors';

export const GLOBAL_PKI_FILES = {
  ca: '/etc/pki/CA/cacert.pem',
  crl: '/etc/pki/CA/cacrl.pem',
  cert: '/etc/pki/libvirt/clientcert.pem',
  key: '/etc/pki/libvirt/private/clientkey.pem',
} as const;

/** Whose defaults apply: libvirt passes `tryUserPkiPath = geteuid() != 0`. */
export interface PkiEnvironment {
  readonly root: boolean;
  readonly home: string;
}

export const processPkiEnvironment = (): PkiEnvironment => ({ root: process.geteuid?.() === 0, home: homedir() });

/** The files one connection uses; the client certificate and key are optional (the server decides). */
export interface PkiFiles {
  readonly ca: string;
  readonly crl: string | null;
  readonly cert: string | null;
  readonly key: string | null;
  /** Where the client certificate and key were looked for, for the message when none was sent. */
  readonly certSearched: readonly string[];
}

const namesIn = (dir: string) => ({
  ca: join(dir, 'cacert.pem'),
  crl: join(dir, 'cacrl.pem'),
  cert: join(dir, 'clientcert.pem'),
  key: join(dir, 'clientkey.pem'),
});

export type FileExists = (path: string) => Promise<boolean>;

const fileExists: FileExists = (path) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Resolves the four paths. A CA that is missing, or a certificate without its key (or the other way
 * round), is refused naming the path; no client certificate at all is allowed, as libvirt allows it.
 */
export async function resolvePkiFiles(
  pkiDir: string | undefined,
  env: PkiEnvironment = processPkiEnvironment(),
  exists: FileExists = fileExists,
): Promise<PkiFiles> {
  const explicit = pkiDir !== undefined ? namesIn(pkiDir) : null;
  const user = explicit || env.root ? null : namesIn(join(env.home, '.pki', 'libvirt'));
  const pick = async (name: 'ca' | 'crl'): Promise<string | null> => {
    const candidates = explicit ? [explicit[name]] : [...(user ? [user[name]] : []), GLOBAL_PKI_FILES[name]];
    for (const path of candidates) if (await exists(path)) return path;
    return null;
  };
  const ca = await pick('ca');
  if (!ca) {
    const where = explicit ? explicit.ca : [...(user ? [user.ca] : []), GLOBAL_PKI_FILES.ca].join(' or ');
    throw new TlsTransportError('file-missing', `no CA certificate at ${where}`, { path: explicit?.ca ?? GLOBAL_PKI_FILES.ca });
  }
  const pairs = explicit ? [explicit] : [...(user ? [user] : []), GLOBAL_PKI_FILES];
  let found: { cert: string; key: string } | null = null;
  for (const pair of pairs) {
    const [hasCert, hasKey] = await Promise.all([exists(pair.cert), exists(pair.key)]);
    if (hasCert !== hasKey) {
      const missing = hasCert ? pair.key : pair.cert;
      throw new TlsTransportError('file-missing', `${hasCert ? 'client key' : 'client certificate'} missing: ${missing}`, {
        path: missing,
      });
    }
    if (hasCert) {
      found = { cert: pair.cert, key: pair.key };
      break;
    }
  }
  return {
    ca,
    crl: await pick('crl'),
    cert: found?.cert ?? null,
    key: found?.key ?? null,
    certSearched: pairs.map((pair) => pair.cert),
  };
}

export interface PkiMaterial {
  readonly ca: Buffer;
  readonly crl?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** Reads the resolved files; a file that vanished or cannot be read is refused naming it. */
/**
 * The files must be what they claim: a CA and a certificate in PEM, the key of that certificate.
 * Node would throw OpenSSL's own words ("key values mismatch", "no start line") with no file named.
 */
export function checkPkiMaterial(files: PkiFiles, material: PkiMaterial): void {
  const invalid = (path: string, what: string, cause: unknown): TlsTransportError =>
    new TlsTransportError('file-invalid', `${path} ${what}`, { path, cause });
  try {
    new X509Certificate(material.ca);
  } catch (error) {
    throw invalid(files.ca, 'is not a PEM CA certificate', error);
  }
  if (!material.cert || !material.key || !files.cert || !files.key) return;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(material.cert);
  } catch (error) {
    throw invalid(files.cert, 'is not a PEM certificate', error);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(material.key);
  } catch (error) {
    throw invalid(files.key, 'is not a PEM private key (or it is encrypted)', error);
  }
  if (!cert.checkPrivateKey(key)) throw invalid(files.key, `is not the key of ${files.cert}`, null);
}

export async function readPkiFiles(files: PkiFiles): Promise<PkiMaterial> {
  const read = (path: string): Promise<Buffer> =>
    readFile(path).catch((error: NodeJS.ErrnoException) => {
      throw new TlsTransportError('file-missing', `cannot read ${path}: ${error.code ?? error.message}`, { path, cause: error });
    });
  const [ca, crl, cert, key] = await Promise.all([
    read(files.ca),
    files.crl ? read(files.crl) : undefined,
    files.cert ? read(files.cert) : undefined,
    files.key ? read(files.key) : undefined,
  ]);
  return { ca, ...(crl ? { crl } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}
