// qemu+tls:// against an in-process TLS server that behaves like libvirtd: it asks for a client
// certificate, checks it after the handshake, and sends the one confirmation byte 0x01 before RPC
// (or hangs up). Fixture certificates: test/drivers/libvirt/fixtures/tls/README.md.

import { mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  connectGetHostname,
  type LibvirtClient,
  openLibvirt,
  readOptionalString,
  RemoteProcedure as P,
  TlsTransportError,
  writeNonNullString,
  type TlsFailureReason,
} from '../../../../src/main/drivers/libvirt/rpc';
import { FakeLibvirtd } from './fake-libvirtd';

const fixtures = join(__dirname, '..', 'fixtures', 'tls');
const pem = (name: string): Buffer => readFileSync(join(fixtures, name));
const dir = mkdtempSync(join(tmpdir(), 'ferry-tls-'));
const servers: Server[] = [];
const clients: LibvirtClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
afterAll(() => {
  servers.forEach((s) => s.close());
  rmSync(dir, { recursive: true, force: true });
});

/** A pki directory in libvirt's names, from fixture files. */
function pkiDir(name: string, files: { ca: string; cert?: string; key?: string }): string {
  const path = join(dir, name);
  mkdirSync(path);
  symlinkSync(join(fixtures, files.ca), join(path, 'cacert.pem'));
  if (files.cert) symlinkSync(join(fixtures, files.cert), join(path, 'clientcert.pem'));
  if (files.key) symlinkSync(join(fixtures, files.key), join(path, 'clientkey.pem'));
  return path;
}
const goodPki = pkiDir('good', { ca: 'ca-cert.pem', cert: 'client-cert.pem', key: 'client-key.pem' });
const roguePki = pkiDir('rogue-client', { ca: 'ca-cert.pem', cert: 'rogue-client-cert.pem', key: 'rogue-client-key.pem' });
const untrustingPki = pkiDir('rogue-ca', { ca: 'rogue-ca-cert.pem', cert: 'client-cert.pem', key: 'client-key.pem' });
const noCertPki = pkiDir('no-cert', { ca: 'ca-cert.pem' });

/** libvirtd's TLS listener: client certificates required and checked after the handshake. */
async function fakeTlsDaemon(host = '127.0.0.1'): Promise<{ port: number; opened: string[] }> {
  const opened: string[] = [];
  const server = createServer(
    { key: pem('server-key.pem'), cert: pem('server-cert.pem'), ca: pem('ca-cert.pem'), requestCert: true, rejectUnauthorized: false },
    (socket: TLSSocket) => {
      if (!socket.authorized) return void socket.end();
      socket.write(Buffer.from([1]));
      new FakeLibvirtd(socket)
        .on(P.CONNECT_OPEN, (c) => {
          opened.push(readOptionalString(c.args) ?? '');
          c.args.uint();
          c.reply();
        })
        .on(P.CONNECT_SUPPORTS_FEATURE, (c) => (c.args.int(), c.reply((w) => w.int(1))))
        .on(P.CONNECT_GET_HOSTNAME, (c) => c.reply((w) => writeNonNullString(w, 'tls-host')));
    },
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { port: address.port, opened };
}

async function failureOf(uri: string): Promise<TlsTransportError> {
  const error: unknown = await openLibvirt(uri, { keepalive: false }).then(
    (client) => (clients.push(client), null),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TlsTransportError);
  return error as TlsTransportError;
}

describe('qemu+tls:// transport', () => {
  it('connects with the pkipath certificates, reads the confirmation byte, then speaks RPC', async () => {
    const daemon = await fakeTlsDaemon();
    const client = await openLibvirt(`qemu+tls://127.0.0.1:${daemon.port}/system?pkipath=${goodPki}`, { keepalive: false });
    clients.push(client);
    expect(await connectGetHostname(client)).toBe('tls-host');
    // pkipath is the client's: the daemon hears the plain name.
    expect(daemon.opened).toEqual(['qemu:///system']);
  });

  it('takes the per-host directory when the URI names none, and checks names too (localhost)', async () => {
    const daemon = await fakeTlsDaemon();
    const client = await openLibvirt(`qemu+tls://localhost:${daemon.port}/system`, { keepalive: false, tls: { pkiDir: goodPki } });
    clients.push(client);
    expect(await connectGetHostname(client)).toBe('tls-host');
  });

  it.each<[string, string, TlsFailureReason, RegExp]>([
    ['a server certificate our CA did not sign', untrustingPki, 'server-untrusted', /not trusted by .*rogue-ca\/cacert\.pem/],
    ['a client certificate the server does not trust', roguePki, 'client-refused', /refused our client certificate .*clientcert\.pem/],
    [
      'no client certificate at all',
      noCertPki,
      'client-refused',
      /no client certificate was found \(looked for .*no-cert\/clientcert\.pem\)/,
    ],
  ])('refuses %s', async (_what, pki, reason, message) => {
    const daemon = await fakeTlsDaemon();
    const error = await failureOf(`qemu+tls://127.0.0.1:${daemon.port}/system?pkipath=${pki}`);
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
  });

  it('refuses a certificate that names another address, unless no_verify=1', async () => {
    const daemon = await fakeTlsDaemon('127.0.0.2');
    const error = await failureOf(`qemu+tls://127.0.0.2:${daemon.port}/system?pkipath=${goodPki}`);
    expect(error.reason).toBe('hostname-mismatch');
    const client = await openLibvirt(`qemu+tls://127.0.0.2:${daemon.port}/system?pkipath=${goodPki}&no_verify=1`, { keepalive: false });
    clients.push(client);
    expect(await connectGetHostname(client)).toBe('tls-host');
  });

  it('no_verify=1 also accepts a server its CA did not sign (like libvirt, which only warns)', async () => {
    const daemon = await fakeTlsDaemon();
    const client = await openLibvirt(`qemu+tls://127.0.0.1:${daemon.port}/system?pkipath=${untrustingPki}&no_verify=1`, {
      keepalive: false,
    });
    clients.push(client);
    expect(await connectGetHostname(client)).toBe('tls-host');
  });

  it('names a closed TLS port, and a missing CA file', async () => {
    const daemon = await fakeTlsDaemon();
    servers.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await failureOf(`qemu+tls://127.0.0.1:${daemon.port}/system?pkipath=${goodPki}`)).reason).toBe('port-closed');
    const missing = await failureOf(`qemu+tls://127.0.0.1:${daemon.port}/system?pkipath=${join(dir, 'nowhere')}`);
    expect(missing.reason).toBe('file-missing');
    expect(missing.path).toBe(join(dir, 'nowhere', 'cacert.pem'));
  });
});
