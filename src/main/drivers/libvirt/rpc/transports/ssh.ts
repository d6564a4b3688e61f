// libvirt over SSH, the way `qemu+ssh://` does it: log in, exec a helper on the remote host
// that bridges the exec channel's stdin/stdout to libvirtd's unix socket, and speak the RPC
// protocol over that channel. Helper choice mirrors libvirt's `proxy=` URI parameter:
//   native : `virt-ssh-helper URI` (libvirt >= 6.8; finds the right daemon socket itself)
//   netcat : `nc -U SOCKET` (with `-q0` when that nc needs it to exit on EOF)
//   auto   : native when `virt-ssh-helper` is on the remote PATH, else netcat.

import { type Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { RpcClientError } from '../errors';
import { type OpenTransportOptions, type Transport, type TransportOpener } from '../transport';
import { DEFAULT_LIBVIRT_SOCKET } from './unix';

export type SshProxyMode = 'auto' | 'native' | 'netcat';

export interface RemoteHelperOptions {
  /** URI for virt-ssh-helper, without transport or host, e.g. `qemu:///system`. */
  readonly remoteUri: string;
  /** Socket for netcat. Setting it explicitly makes `auto` use netcat (the helper cannot take one). */
  readonly socketPath?: string;
  readonly proxy?: SshProxyMode;
  /** netcat binary on the remote host. */
  readonly netcat?: string;
}

/**
 * Host key check. Called with the server's raw public key blob (SSH wire format) and where it
 * was reached; return true to accept. There is deliberately no default: pin a known key (compare
 * against `known_hosts` or a stored fingerprint), or pass `() => true` knowingly in a lab.
 */
export type HostKeyCheck = (key: Buffer, host: string, port: number) => boolean | Promise<boolean>;

/** One SSH login: the target, or a ProxyJump hop on the way to it. */
export interface SshHop {
  /**
   * ssh2 connection settings, already filled in: host, port, username and the logins to try
   * (authHandler, or privateKey/password/agent). `hostVerifier`/`hostHash`/`sock` are ignored.
   */
  readonly connect: ConnectConfig;
  readonly verifyHostKey: HostKeyCheck;
}

export interface SshTransportOptions extends RemoteHelperOptions, SshHop {
  /** ProxyJump hops, outermost first: each next login travels through the one before (`forwardOut`). */
  readonly jumps?: readonly SshHop[];
  /** Full remote command, replacing the helper logic above (tests, exotic setups). */
  readonly command?: string;
}

/** POSIX single-quote quoting: safe for any string, including ones holding quotes. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function buildRemoteCommand(options: RemoteHelperOptions): string {
  const socketPath = options.socketPath ?? DEFAULT_LIBVIRT_SOCKET;
  const nc = shellQuote(options.netcat ?? 'nc');
  // Some netcats keep the connection after stdin EOF unless given -q0; others reject -q.
  const netcat =
    `if ${nc} -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0; else ARG=; fi; ` +
    `${nc} $ARG -U ${shellQuote(socketPath)}`;
  const native = `virt-ssh-helper ${shellQuote(options.remoteUri)}`;
  const requested = options.proxy ?? 'auto';
  const mode = requested === 'auto' && options.socketPath ? 'netcat' : requested;
  const script =
    mode === 'native'
      ? native
      : mode === 'netcat'
        ? netcat
        : `if command -v virt-ssh-helper >/dev/null 2>&1; then ${native}; else ${netcat}; fi`;
  return `sh -c ${shellQuote(script)}`;
}

export function sshTransport(options: SshTransportOptions): TransportOpener {
  return (open) => openSshChannel(options, open);
}

async function openSshChannel(options: SshTransportOptions, open?: OpenTransportOptions): Promise<Transport> {
  const hops = [...(options.jumps ?? []), options];
  const host = options.connect.host ?? 'localhost';
  const clients: Client[] = [];
  const endAll = (): void => [...clients].reverse().forEach((client) => client.end());
  const onAbort = (): void => endAll();
  open?.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let sock: Duplex | undefined;
    for (const [index, hop] of hops.entries()) {
      if (open?.signal?.aborted) throw new Error('aborted');
      const client = new Client();
      clients.push(client);
      await login(client, hop, sock, open?.signal);
      const next = hops[index + 1];
      if (next) sock = await forward(client, next.connect.host ?? 'localhost', next.connect.port ?? 22);
    }
    const channel = await exec(clients.at(-1)!, options.command ?? buildRemoteCommand(options));
    if (open?.signal?.aborted) throw new Error('aborted');
    return bindChannelToClients(channel, clients, host);
  } catch (error) {
    endAll();
    const message = error instanceof Error ? error.message : String(error);
    throw error instanceof RpcClientError ? error : new RpcClientError('TRANSPORT', `ssh ${host}: ${message}`, { cause: error });
  } finally {
    open?.signal?.removeEventListener('abort', onAbort);
  }
}

function login(client: Client, hop: SshHop, sock: Duplex | undefined, signal: AbortSignal | undefined): Promise<void> {
  const host = hop.connect.host ?? 'localhost';
  const port = hop.connect.port ?? 22;
  return new Promise<void>((resolve, reject) => {
    const aborted = (): void => reject(new Error('aborted'));
    signal?.addEventListener('abort', aborted, { once: true });
    client.on('error', (error: Error & { level?: string }) => {
      // An agent that cannot be reached (a stale SSH_AUTH_SOCK) is reported, then ssh2 tries the
      // next login: like ssh, go on without it.
      if (error.level === 'agent') return;
      signal?.removeEventListener('abort', aborted);
      reject(error);
    });
    client.once('ready', () => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    });
    client.once('close', () => reject(new Error(`connection to ${host}:${port} closed`)));
    const { hostVerifier: _ignored, hostHash: _alsoIgnored, sock: _notThisOne, ...connect } = hop.connect;
    client.connect({
      ...connect,
      ...(sock ? { sock } : {}),
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        Promise.resolve()
          .then(() => hop.verifyHostKey(key, host, port))
          .then(
            (ok) => verify(ok === true),
            () => verify(false),
          );
      },
    });
  });
}

function forward(client: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    // The origin is nominal: sshd only reports it; OpenSSH's -J sends 127.0.0.1 too.
    client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

function exec(client: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => client.exec(command, (error, channel) => (error ? reject(error) : resolve(channel))));
}

/** One lifetime for all: closing the channel ends every SSH session (inner first), and any session ending closes the channel. */
function bindChannelToClients(channel: ClientChannel, clients: readonly Client[], host: string): Transport {
  let stderr = '';
  // ssh2's Channel.destroy() takes no error: report failures as an 'error' event, then close.
  const fail = (error: Error): void => {
    if (channel.listenerCount('error') > 0) channel.emit('error', error);
    channel.destroy();
  };
  channel.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2048);
  });
  channel.on('exit', (code: number | null) => {
    if (code !== 0 && code !== null) {
      const detail = stderr.trim() || 'no output';
      fail(new RpcClientError('TRANSPORT', `ssh ${host}: remote helper exited ${code}: ${detail}`));
    }
  });
  channel.once('close', () => [...clients].reverse().forEach((client) => client.end()));
  for (const client of clients) {
    client.on('error', (error: Error) => fail(error));
    client.once('close', () => channel.destroy());
  }
  return channel;
}
