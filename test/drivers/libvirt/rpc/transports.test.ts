// Transports end to end against the fake daemon: unix and TCP sockets, and SSH through an
// in-process ssh2 server that runs the fake daemon on the exec channel.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, it, expect } from 'vitest';
import { Server as SshServer, utils, type AuthContext, type Connection } from 'ssh2';
import {
  buildRemoteCommand,
  connectGetHostname,
  DriverFeature,
  LibvirtClient,
  openLibvirt,
  readOptionalString,
  RemoteProcedure as P,
  sshTransport,
  writeNonNullString,
} from '../../../../src/main/drivers/libvirt/rpc';
import { FakeLibvirtd } from './fake-libvirtd';
import { isolatedOpenSshEnvironment } from '../../../helpers/openssh-environment';

const dir = mkdtempSync(join(tmpdir(), 'ferry-rpc-'));
const clients: LibvirtClient[] = [];
const servers: { close(): unknown }[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
afterAll(() => {
  servers.forEach((s) => s.close());
  rmSync(dir, { recursive: true, force: true });
});

/** A daemon that records CONNECT_OPEN names and the features asked about, and knows its hostname. */
function daemon(stream: FakeLibvirtd['stream'], log: string[]): FakeLibvirtd {
  return new FakeLibvirtd(stream)
    .on(P.CONNECT_OPEN, (c) => {
      log.push(`open ${readOptionalString(c.args)} ${c.args.uint()}`);
      c.reply();
    })
    .on(P.CONNECT_SUPPORTS_FEATURE, (c) => {
      log.push(`feature ${c.args.int()}`);
      c.reply((w) => w.int(1));
    })
    .on(P.CONNECT_GET_HOSTNAME, (c) => c.reply((w) => writeNonNullString(w, 'fake-host')));
}

function listen(server: NetServer, target: string | number): Promise<void> {
  servers.push(server);
  return new Promise((resolve) =>
    typeof target === 'string' ? server.listen(target, resolve) : server.listen(target, '127.0.0.1', resolve),
  );
}

describe('unix and tcp transports via openLibvirt', () => {
  it('opens qemu+unix:// with the socket parameter, sends the stripped name and asks for keepalive', async () => {
    const log: string[] = [];
    const socketPath = join(dir, 'libvirt-sock');
    await listen(
      createServer((socket) => daemon(socket, log)),
      socketPath,
    );
    const client = await openLibvirt(`qemu+unix:///system?socket=${socketPath}`, { readOnly: true });
    clients.push(client);
    await expect(connectGetHostname(client)).resolves.toBe('fake-host');
    expect(log).toEqual(['open qemu:///system 1', `feature ${DriverFeature.PROGRAM_KEEPALIVE}`]);
  });

  it('opens qemu+tcp://host:port', async () => {
    const log: string[] = [];
    const server = createServer((socket) => daemon(socket, log));
    await listen(server, 0);
    const { port } = server.address() as AddressInfo;
    const client = await openLibvirt(`qemu+tcp://127.0.0.1:${port}/system`, { keepalive: false });
    clients.push(client);
    await expect(connectGetHostname(client)).resolves.toBe('fake-host');
    expect(log).toEqual(['open qemu:///system 0']);
  });

  it('fails with a TRANSPORT error when nothing listens', async () => {
    await expect(openLibvirt(`qemu+unix:///system?socket=${join(dir, 'nobody-here')}`)).rejects.toMatchObject({ kind: 'TRANSPORT' });
  });
});

/** ssh2 strips a leading zero byte of the public key (mscdex/ssh2#1513): ~1 in 256 keys do not parse back. */
function parsableKeyPair(): { private: string; public: string } {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.public) instanceof Error) && !(utils.parseKey(pair.private) instanceof Error)) return pair;
  }
}

describe('ssh transport', () => {
  const hostKey = parsableKeyPair();
  const userKey = parsableKeyPair();
  const hostKeyBlob = (utils.parseKey(hostKey.public) as { getPublicSSH(): Buffer }).getPublicSSH();
  const commands: string[] = [];
  const log: string[] = [];
  let port = 0;

  function checkAuth(ctx: AuthContext): void {
    if (ctx.method === 'password' && ctx.username === 'ops' && ctx.password === 's3cret') return ctx.accept();
    if (ctx.method === 'publickey' && ctx.username === 'ops') {
      const allowed = utils.parseKey(userKey.public) as {
        getPublicSSH(): Buffer;
        verify(data: Buffer, sig: Buffer, hash?: string): boolean;
      };
      if (!ctx.key.data.equals(allowed.getPublicSSH())) return ctx.reject();
      if (!ctx.signature) return ctx.accept(); // key probe: "would you accept this key?"
      return allowed.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) ? ctx.accept() : ctx.reject();
    }
    ctx.reject(['password', 'publickey']);
  }

  beforeAll(async () => {
    const server = new SshServer({ hostKeys: [hostKey.private] }, (conn: Connection) => {
      conn.on('authentication', checkAuth);
      conn.on('ready', () =>
        conn.on('session', (acceptSession) =>
          acceptSession().on('exec', (accept, _reject, info) => {
            commands.push(info.command);
            const channel = accept();
            if (info.command === 'fail') {
              channel.stderr.write('nc: command not found\n');
              channel.exit(127);
              channel.end();
              return;
            }
            daemon(channel, log);
          }),
        ),
      );
      conn.on('error', () => undefined);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  const pinned = (key: Buffer): boolean => key.equals(hostKeyBlob);
  // An empty home and no agent: the tests never read the real ~/.ssh.
  const openssh = isolatedOpenSshEnvironment(join(dir, 'home'));

  it('logs in with a password, runs the helper command and speaks RPC over the channel', async () => {
    const client = await openLibvirt(`qemu+ssh://ops@127.0.0.1:${port}/system`, {
      ssh: { password: 's3cret', verifyHostKey: pinned, openssh },
    });
    clients.push(client);
    await expect(connectGetHostname(client)).resolves.toBe('fake-host');
    expect(commands.at(-1)).toBe(buildRemoteCommand({ remoteUri: 'qemu:///system' }));
    expect(commands.at(-1)).toContain('virt-ssh-helper');
  });

  it('logs in with a private key and uses netcat for an explicit socket', async () => {
    const client = await openLibvirt(`qemu+ssh://ops@127.0.0.1:${port}/system?socket=/run/libvirt/virtqemud-sock`, {
      ssh: { privateKey: userKey.private, verifyHostKey: pinned, openssh },
    });
    clients.push(client);
    await expect(connectGetHostname(client)).resolves.toBe('fake-host');
    expect(commands.at(-1)).toContain('-U '); // netcat...
    expect(commands.at(-1)).toContain('/run/libvirt/virtqemud-sock'); // ...on the socket from the URI
    expect(commands.at(-1)).not.toContain('virt-ssh-helper');
  });

  it('refuses a host key the check rejects', async () => {
    await expect(
      openLibvirt(`qemu+ssh://ops@127.0.0.1:${port}/system`, { ssh: { password: 's3cret', verifyHostKey: async () => false, openssh } }),
    ).rejects.toMatchObject({ kind: 'TRANSPORT' });
  });

  it('reports a wrong password as a TRANSPORT error', async () => {
    await expect(
      openLibvirt(`qemu+ssh://ops@127.0.0.1:${port}/system`, { ssh: { password: 'nope', verifyHostKey: pinned, openssh } }),
    ).rejects.toMatchObject({ kind: 'TRANSPORT' });
  });

  it('closes the client with the helper stderr when the remote command fails', async () => {
    const opener = sshTransport({
      connect: { host: '127.0.0.1', port, username: 'ops', password: 's3cret' },
      verifyHostKey: pinned,
      remoteUri: 'qemu:///system',
      command: 'fail',
    });
    const client = await LibvirtClient.connect(opener, { keepalive: false });
    clients.push(client);
    const error = await client.open('qemu:///system').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'CLOSED' });
    expect(client.closeReason).toMatchObject({
      kind: 'transport-error',
      error: { message: expect.stringMatching(/exited 127: nc: command not found/) },
    });
  });
});

describe('buildRemoteCommand', () => {
  it.each([
    [
      { remoteUri: 'qemu:///system' },
      /^sh -c 'if command -v virt-ssh-helper .*virt-ssh-helper '\\''qemu:\/\/\/system'\\''.*-U '\\''\/var\/run\/libvirt\/libvirt-sock'\\''.*fi'$/,
    ],
    [{ remoteUri: 'qemu:///system', proxy: 'native' as const }, /^sh -c 'virt-ssh-helper '\\''qemu:\/\/\/system'\\'''$/],
    [{ remoteUri: 'qemu:///system', proxy: 'netcat' as const, netcat: 'ncat' }, /'\\''ncat'\\'' \$ARG -U/],
  ])('%j', (options, pattern) => {
    expect(buildRemoteCommand(options)).toMatch(pattern);
  });
});
