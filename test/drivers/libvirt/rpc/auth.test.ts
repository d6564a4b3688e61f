// libvirt's authentication phase against the fake daemon: the char-array wire shape, which auth
// type and mechanism are chosen, the SCRAM exchange, and every failure as a typed error.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LibvirtAuthError,
  LibvirtClient,
  openLibvirt,
  parseLibvirtUri,
  readOptionalString,
  RemoteProcedure as P,
  XdrReader,
  XdrWriter,
} from '../../../../src/main/drivers/libvirt/rpc';
import { authenticate, chooseAuthType, chooseSaslMechanism } from '../../../../src/main/drivers/libvirt/rpc/auth/authenticate';
import { authSaslStart } from '../../../../src/main/drivers/libvirt/rpc/auth/auth-procedures';
import { duplexPair, FakeLibvirtd, useFakeDaemon } from './fake-libvirtd';
import { serveSasl, VIR_FROM_DBUS, VIR_FROM_POLKIT } from './fake-sasl';

const fake = useFakeDaemon();
const where = 'libvirtd at test';
const secure = { secure: true, where };
const login = { username: 'fred', password: 'pa55-w0rd!' };

async function authError(promise: Promise<unknown>): Promise<LibvirtAuthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LibvirtAuthError);
  return error as LibvirtAuthError;
}

describe('char-array XDR (SASL data)', () => {
  it('sends AUTH_SASL_START for a 44-byte client-first as the 232-byte frame libvirt expects', async () => {
    const [a, b] = duplexPair();
    const client = new LibvirtClient(a, { keepalive: false });
    const frames: Buffer[] = [];
    b.on('data', (chunk: Buffer) => frames.push(chunk));
    const data = Buffer.from('n,,n=fred,r=d1KyEVSPPwKyK0GgvhDc4dTn+1inDSdz');
    expect(data.length).toBe(44);
    void authSaslStart(client, 'SCRAM-SHA-256', data).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    client.destroy();
    const frame = Buffer.concat(frames);
    expect(frame.length).toBe(232); // 28 header + 20 mech string + 4 nil + 4 count + 44 × 4
    const body = new XdrReader(frame.subarray(28));
    expect(body.string()).toBe('SCRAM-SHA-256');
    expect(body.int()).toBe(0); // nil = 0: data present
    expect(body.uint()).toBe(44);
    expect(frame.readUInt32BE(28 + 20 + 8)).toBe('n'.charCodeAt(0)); // one word per byte
    expect(body.remaining).toBe(44 * 4);
  });

  it('reads bytes the daemon sign-extended (char is signed on x86)', () => {
    const w = new XdrWriter().uint(3).int(-1).int(-128).int(0x41);
    expect([...new XdrReader(w.toBuffer()).charArray()]).toEqual([0xff, 0x80, 0x41]);
    expect(
      new XdrWriter()
        .charArray(Buffer.from([0xff, 1]))
        .toBuffer()
        .toString('hex'),
    ).toBe('00000002000000ff00000001');
  });
});

describe('choosing the auth type and mechanism', () => {
  it("takes the socket's first type, or the URI's when the socket lists it", () => {
    expect(chooseAuthType([], { where })).toBe(0);
    expect(chooseAuthType([1], { where })).toBe(1);
    expect(chooseAuthType([2], { where, preference: { type: 'polkit' } })).toBe(2);
    expect(() => chooseAuthType([0], { where, preference: { type: 'sasl' } })).toThrow(/rejected the requested authentication type sasl/);
  });

  it('prefers SCRAM-SHA-256, honours auth=sasl.MECH, and names what is offered and spoken when nothing fits', () => {
    expect(chooseSaslMechanism(['SCRAM-SHA-1', 'SCRAM-SHA-256'], secure)).toBe('SCRAM-SHA-256');
    expect(
      chooseSaslMechanism(['SCRAM-SHA-1', 'SCRAM-SHA-256'], { ...secure, preference: { type: 'sasl', mechanism: 'SCRAM-SHA-1' } }),
    ).toBe('SCRAM-SHA-1');
    let error: unknown;
    try {
      chooseSaslMechanism(['GSSAPI', 'CRAM-MD5'], secure);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'AUTH_MECHANISM_UNSUPPORTED', details: { offered: ['GSSAPI', 'CRAM-MD5'] } });
    expect((error as Error).message).toMatch(/offers the SASL mechanisms GSSAPI, CRAM-MD5; Ferry speaks SCRAM-SHA-256, SCRAM-SHA-1/);
  });

  it('counts unix, ssh and TLS as secure (SCRAM allowed), plain TCP not, as libvirt does', () => {
    const secureOf = (uri: string) => parseLibvirtUri(uri).secure;
    expect(['qemu:///system', 'qemu+ssh://h/system', 'qemu+tls://h/system', 'qemu+tcp://h/system'].map(secureOf)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('refuses SASL on plain TCP and says to use qemu+tls or qemu+ssh', () => {
    let error: unknown;
    try {
      chooseSaslMechanism(['DIGEST-MD5'], { secure: false, where });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'AUTH_MECHANISM_UNSUPPORTED' });
    expect((error as LibvirtAuthError).details.hint).toMatch(/qemu\+tls:\/\/ or qemu\+ssh:\/\//);
  });
});

describe('authenticate against a fake daemon', () => {
  it('does nothing more than AUTH_LIST when the socket wants none', async () => {
    const { client, server } = fake();
    await expect(authenticate(client, secure)).resolves.toEqual({ type: 'none' });
    expect(server.calls.map((c) => c.procedure)).toEqual([P.AUTH_LIST]);
  });

  it('logs in with SCRAM-SHA-256: INIT, START (client-first), STEP (proof), and checks v=', async () => {
    const { client, server } = fake();
    const seen = serveSasl(server, { mechlist: 'SCRAM-SHA-256,DIGEST-MD5', ...login });
    await expect(authenticate(client, { ...secure, sasl: login })).resolves.toEqual({ type: 'sasl', mechanism: 'SCRAM-SHA-256' });
    expect(server.calls.map((c) => c.procedure)).toEqual([P.AUTH_LIST, P.AUTH_SASL_INIT, P.AUTH_SASL_START, P.AUTH_SASL_STEP]);
    expect(seen.messages[0]).toMatch(/^n,,n=fred,r=/);
    expect(seen.messages[1]).toMatch(/^c=biws,r=.+,p=/);
  });

  it('steps once more (empty) when the daemon sends v= as a challenge rather than with complete=1', async () => {
    const { client, server } = fake();
    serveSasl(server, { mechlist: 'SCRAM-SHA-256', ...login, finalAsChallenge: true });
    await expect(authenticate(client, { ...secure, sasl: login })).resolves.toEqual({ type: 'sasl', mechanism: 'SCRAM-SHA-256' });
    expect(server.calls.map((c) => c.procedure)).toEqual([
      P.AUTH_LIST,
      P.AUTH_SASL_INIT,
      P.AUTH_SASL_START,
      P.AUTH_SASL_STEP,
      P.AUTH_SASL_STEP,
    ]);
  });

  it('logs in with SCRAM-SHA-1 when that is all the daemon offers', async () => {
    const { client, server } = fake();
    serveSasl(server, { mechlist: 'SCRAM-SHA-1', ...login });
    await expect(authenticate(client, { ...secure, sasl: login })).resolves.toEqual({ type: 'sasl', mechanism: 'SCRAM-SHA-1' });
  });

  it('a wrong password is AUTH_FAILED "authentication failed", without the password', async () => {
    const { client, server } = fake();
    serveSasl(server, { mechlist: 'SCRAM-SHA-256', ...login });
    const error = await authError(authenticate(client, { ...secure, sasl: { username: 'fred', password: 'wrong-secret' } }));
    expect(error.kind).toBe('AUTH_FAILED');
    expect(error.message).toMatch(/authentication failed/);
    expect(JSON.stringify({ m: error.message, d: error.details })).not.toMatch(/wrong-secret|pa55/);
  });

  it('a daemon that cannot prove it knows the password is AUTH_FAILED too (mutual auth)', async () => {
    const { client, server } = fake();
    serveSasl(server, { mechlist: 'SCRAM-SHA-256', ...login, forgeSignature: true });
    const error = await authError(authenticate(client, { ...secure, sasl: login }));
    expect(error.kind).toBe('AUTH_FAILED');
    expect(error.message).toMatch(/server signature is wrong/);
  });

  it('no SASL login set is AUTH_REQUIRED naming the mechanism, before anything is sent', async () => {
    const { client, server } = fake();
    serveSasl(server, { mechlist: 'SCRAM-SHA-256', ...login });
    const error = await authError(authenticate(client, secure));
    expect(error.kind).toBe('AUTH_REQUIRED');
    expect(error.message).toMatch(/requires a SASL login \(SCRAM-SHA-256\)/);
    expect(server.calls.map((c) => c.procedure)).toEqual([P.AUTH_LIST, P.AUTH_SASL_INIT]);
  });

  it('SASL on plain TCP (DIGEST-MD5 only) is refused before any login is sent', async () => {
    const { client, server } = fake();
    serveSasl(server, { mechlist: 'DIGEST-MD5', ...login });
    const error = await authError(authenticate(client, { secure: false, where, sasl: login }));
    expect(error.kind).toBe('AUTH_MECHANISM_UNSUPPORTED');
    expect(error.details.offered).toEqual(['DIGEST-MD5']);
    expect(server.calls.map((c) => c.procedure)).not.toContain(P.AUTH_SASL_START);
  });

  it.each([
    [45, VIR_FROM_POLKIT, 'authentication failed: access denied by policy', 'AUTH_FAILED', /polkit policy/],
    [
      94,
      VIR_FROM_POLKIT,
      "authentication unavailable: no polkit agent available to authenticate action 'org.libvirt.unix.manage'",
      'AUTH_UNAVAILABLE',
      /interactive password/,
    ],
    [1, VIR_FROM_DBUS, 'internal error: Unable to get system bus connection: Could not connect', 'AUTH_UNAVAILABLE', /system D-Bus/],
  ])('polkit refusal %i/%i is typed %s with a fix', async (code, domain, message, kind, words) => {
    const { client, server } = fake();
    server.on(P.AUTH_LIST, (c) => c.reply((w) => w.array([2], (x, v) => x.int(v))));
    server.on(P.AUTH_POLKIT, (c) => c.fail(code, message, domain));
    const error = await authError(authenticate(client, secure));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(words);
    expect(error.details.hint).toMatch(/libvirt|dbus/);
  });

  it('polkit granted: AUTH_POLKIT then done', async () => {
    const { client, server } = fake();
    server.on(P.AUTH_LIST, (c) => c.reply((w) => w.array([2], (x, v) => x.int(v))));
    server.on(P.AUTH_POLKIT, (c) => c.reply((w) => w.int(1)));
    await expect(authenticate(client, secure)).resolves.toEqual({ type: 'polkit' });
  });

  it('an old daemon without AUTH_LIST (NO_SUPPORT) is treated as no auth', async () => {
    const { client, server } = fake();
    server.on(P.AUTH_LIST, (c) => c.fail(3, 'this function is not supported'));
    await expect(authenticate(client, secure)).resolves.toEqual({ type: 'none' });
  });
});

describe('openLibvirt runs the auth phase before CONNECT_OPEN', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-auth-'));
  const servers: Server[] = [];
  afterAll(() => {
    servers.forEach((s) => s.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('honours ?auth=sasl.SCRAM-SHA-1 over a unix socket, then opens the stripped name', async () => {
    const socketPath = join(dir, 'sock');
    const opened: (string | null)[] = [];
    const procedures: number[] = [];
    const server = createServer((socket) => {
      const daemon = new FakeLibvirtd(socket).on(P.CONNECT_OPEN, (c) => {
        opened.push(readOptionalString(c.args));
        c.reply();
      });
      serveSasl(daemon, { mechlist: 'SCRAM-SHA-256,SCRAM-SHA-1', ...login });
      socket.on('close', () => procedures.push(...daemon.calls.map((c) => c.procedure)));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const client = await openLibvirt(`qemu+unix:///system?socket=${socketPath}&auth=sasl.scram-sha-1`, {
      sasl: login,
      keepalive: false,
      daemonKeepalive: false,
    });
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(opened).toEqual(['qemu:///system']);
    expect(procedures.slice(0, 5)).toEqual([P.AUTH_LIST, P.AUTH_SASL_INIT, P.AUTH_SASL_START, P.AUTH_SASL_STEP, P.CONNECT_OPEN]);
  });

  it('maps "authentication required" on CONNECT_OPEN (a daemon that skipped AUTH_LIST) to AUTH_REQUIRED', async () => {
    const socketPath = join(dir, 'sock2');
    const server = createServer((socket) => {
      new FakeLibvirtd(socket).on(P.CONNECT_OPEN, (c) => c.fail(39, 'authentication required', 7));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const error = await authError(openLibvirt(`qemu+unix:///system?socket=${socketPath}`, { keepalive: false }));
    expect(error.kind).toBe('AUTH_REQUIRED');
  });
});
