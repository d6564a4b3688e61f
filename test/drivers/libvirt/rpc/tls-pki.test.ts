// Which CA, client certificate and key a qemu+tls:// connection uses: libvirt's order
// (virnettlscontext.c), checked against a fake file system.

import { describe, expect, it } from 'vitest';
import { GLOBAL_PKI_FILES, resolvePkiFiles, TlsTransportError } from '../../../../src/main/drivers/libvirt/rpc';

const fs = (...present: string[]) => {
  const files = new Set(present);
  return (path: string) => Promise.resolve(files.has(path));
};
const user = { root: false, home: '/home/ops' };
const root = { root: true, home: '/root' };
const userPki = (name: string) => `/home/ops/.pki/libvirt/${name}`;

describe('resolvePkiFiles', () => {
  it('root uses /etc/pki, with the CRL only when present', async () => {
    const all = Object.values(GLOBAL_PKI_FILES);
    expect(await resolvePkiFiles(undefined, root, fs(...all))).toMatchObject({ ...GLOBAL_PKI_FILES });
    const noCrl = all.filter((p) => p !== GLOBAL_PKI_FILES.crl);
    expect(await resolvePkiFiles(undefined, root, fs(...noCrl))).toMatchObject({ crl: null, cert: GLOBAL_PKI_FILES.cert });
  });

  it('root never looks in its home', async () => {
    const files = await resolvePkiFiles(
      undefined,
      root,
      fs(GLOBAL_PKI_FILES.ca, '/root/.pki/libvirt/clientcert.pem', '/root/.pki/libvirt/clientkey.pem'),
    );
    expect(files).toMatchObject({ ca: GLOBAL_PKI_FILES.ca, cert: null, key: null });
  });

  it('a user prefers ~/.pki/libvirt, file by file, the certificate and key as a pair', async () => {
    const files = await resolvePkiFiles(
      undefined,
      user,
      fs(GLOBAL_PKI_FILES.ca, userPki('clientcert.pem'), userPki('clientkey.pem'), GLOBAL_PKI_FILES.cert, GLOBAL_PKI_FILES.key),
    );
    expect(files).toMatchObject({ ca: GLOBAL_PKI_FILES.ca, cert: userPki('clientcert.pem'), key: userPki('clientkey.pem') });
    const fallback = await resolvePkiFiles(undefined, user, fs(userPki('cacert.pem'), GLOBAL_PKI_FILES.cert, GLOBAL_PKI_FILES.key));
    expect(fallback).toMatchObject({ ca: userPki('cacert.pem'), cert: GLOBAL_PKI_FILES.cert, key: GLOBAL_PKI_FILES.key });
  });

  it('an explicit directory is used alone, with no fall-back', async () => {
    const files = await resolvePkiFiles('/srv/pki/hv1', user, fs('/srv/pki/hv1/cacert.pem', GLOBAL_PKI_FILES.cert, GLOBAL_PKI_FILES.key));
    expect(files).toMatchObject({ ca: '/srv/pki/hv1/cacert.pem', cert: null, key: null, certSearched: ['/srv/pki/hv1/clientcert.pem'] });
  });

  it.each([
    ['no CA', '/srv/pki/x', fs(), '/srv/pki/x/cacert.pem'],
    ['a certificate without its key', '/srv/pki/x', fs('/srv/pki/x/cacert.pem', '/srv/pki/x/clientcert.pem'), '/srv/pki/x/clientkey.pem'],
    ['a key without its certificate', '/srv/pki/x', fs('/srv/pki/x/cacert.pem', '/srv/pki/x/clientkey.pem'), '/srv/pki/x/clientcert.pem'],
    ['no CA anywhere (default paths)', undefined, fs(), GLOBAL_PKI_FILES.ca],
  ])('refuses %s, naming the path', async (_what, dir, exists, path) => {
    const error: unknown = await resolvePkiFiles(dir, root, exists).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsTransportError);
    expect(error).toMatchObject({ reason: 'file-missing', path });
    expect((error as Error).message).toContain(path);
  });
});
