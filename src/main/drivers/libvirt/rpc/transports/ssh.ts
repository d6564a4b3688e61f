// libvirt over SSH, the way `qemu+ssh://` does it: log in, exec a helper on the remote host
// that bridges the exec channel's stdin/stdout to libvirtd's unix socket, and speak the RPC
// protocol over that channel. Helper choice mirrors libvirt's `proxy=` URI parameter:
//   native : `virt-ssh-helper URI` (libvirt >= 6.8; finds the right daemon socket itself)
//   netcat : `nc -U SOCKET` (with `-q0` when that nc needs it to exit on EOF)
//   auto   : native when `virt-ssh-helper` is on the remote PATH, else netcat.

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
 * Host key check. Called with the server's raw public key blob (SSH wire format) and the host;
 * return true to accept. There is deliberately no default: pin a known key (compare against
 * `known_hosts` or a stored fingerprint), or pass `() => true` knowingly in a lab.
 */
export type HostKeyCheck = (key: Buffer, host: string) => boolean | Promise<boolean>;

export interface SshTransportOptions extends RemoteHelperOptions {
  /**
   * ssh2 connection settings, already filled in: host, port, username and either
   * privateKey (+ passphrase) or password. `hostVerifier`/`hostHash` are ignored: use verifyHostKey.
   */
  readonly connect: ConnectConfig;
  readonly verifyHostKey: HostKeyCheck;
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

function openSshChannel(options: SshTransportOptions, open?: OpenTransportOptions): Promise<Transport> {
  const host = options.connect.host ?? 'localhost';
  const command = options.command ?? buildRemoteCommand(options);
  const client = new Client();
  return new Promise<Transport>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      client.end();
      const message = error instanceof Error ? error.message : String(error);
      reject(error instanceof RpcClientError ? error : new RpcClientError('TRANSPORT', `ssh ${host}: ${message}`, { cause: error }));
    };
    const onAbort = (): void => fail(new Error('aborted'));
    if (open?.signal?.aborted) return onAbort();
    open?.signal?.addEventListener('abort', onAbort, { once: true });

    client.once('error', fail);
    client.once('ready', () => {
      client.exec(command, (error, channel) => {
        open?.signal?.removeEventListener('abort', onAbort);
        if (error) return fail(error);
        if (settled) return channel.close();
        settled = true;
        client.off('error', fail);
        resolve(bindChannelToClient(channel, client, host));
      });
    });

    const { hostVerifier: _ignored, hostHash: _alsoIgnored, ...connect } = options.connect;
    client.connect({
      ...connect,
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        Promise.resolve()
          .then(() => options.verifyHostKey(key, host))
          .then(
            (ok) => verify(ok === true),
            () => verify(false),
          );
      },
    });
  });
}

/** One lifetime for both: closing the channel ends the SSH session and vice versa. */
function bindChannelToClient(channel: ClientChannel, client: Client, host: string): Transport {
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
  channel.once('close', () => client.end());
  client.on('error', (error: Error) => fail(error));
  client.once('close', () => channel.destroy());
  return channel;
}
