// From a libvirt URI to an open connection: pick the transport, connect, CONNECT_OPEN, and
// (optionally) ask the daemon to ping us so both sides detect a dead peer.

import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { ConnectFlags, LibvirtClient, type LibvirtClientOptions } from './client';
import { connectSupportsFeature } from './api/host';
import { DriverFeature } from './procedure-numbers';
import { type TransportOpener } from './transport';
import { sshTransport, type HostKeyCheck } from './transports/ssh';
import { tcpTransport } from './transports/tcp';
import { unixTransport } from './transports/unix';
import { parseLibvirtUri, type ConnectionSpec } from './uri';
import { assertNever } from '../../../base/assert-never';

interface SshCredentials {
  readonly verifyHostKey: HostKeyCheck;
  /** Overrides the URI's user; default is the local user name, like ssh(1). */
  readonly username?: string;
  /** Private key contents. When absent and the URI has `keyfile=`, that file is read. */
  readonly privateKey?: Buffer | string;
  readonly passphrase?: string;
  readonly password?: string;
  readonly readyTimeoutMs?: number;
}

export interface OpenLibvirtOptions extends LibvirtClientOptions {
  readonly readOnly?: boolean;
  readonly signal?: AbortSignal;
  /** Required for qemu+ssh:// URIs. */
  readonly ssh?: SshCredentials;
  /**
   * Ask the daemon to start its own keepalive pings (libvirtd only pings clients that asked via
   * CONNECT_SUPPORTS_FEATURE(PROGRAM_KEEPALIVE), as virConnectSetKeepAlive does). Default true.
   */
  readonly daemonKeepalive?: boolean;
}

async function transportForSpec(spec: ConnectionSpec, ssh?: SshCredentials): Promise<TransportOpener> {
  switch (spec.transport) {
    case 'unix':
      return unixTransport(spec.socketPath);
    case 'tcp':
      return tcpTransport(spec.host, spec.port);
    case 'ssh': {
      if (!ssh) throw new TypeError(`${spec.remoteName} over ssh needs ssh credentials (at least verifyHostKey)`);
      const keyPath = spec.keyfile?.replace(/^~(?=\/|$)/, homedir());
      const privateKey = ssh.privateKey ?? (keyPath ? await readFile(keyPath) : undefined);
      return sshTransport({
        connect: {
          host: spec.host,
          port: spec.port,
          username: ssh.username ?? spec.user ?? userInfo().username,
          ...(privateKey === undefined ? {} : { privateKey }),
          ...(ssh.passphrase === undefined ? {} : { passphrase: ssh.passphrase }),
          ...(ssh.password === undefined ? {} : { password: ssh.password }),
          readyTimeout: ssh.readyTimeoutMs ?? 20_000,
        },
        verifyHostKey: ssh.verifyHostKey,
        remoteUri: spec.remoteName,
        ...(spec.socketPath === undefined ? {} : { socketPath: spec.socketPath }),
        proxy: spec.proxy,
        ...(spec.netcat === undefined ? {} : { netcat: spec.netcat }),
      });
    }
    default:
      return assertNever(spec);
  }
}

/** Connects and opens `uri` (string or parsed). The caller owns the client: close() it. */
export async function openLibvirt(uri: string | ConnectionSpec, options: OpenLibvirtOptions = {}): Promise<LibvirtClient> {
  const spec = typeof uri === 'string' ? parseLibvirtUri(uri) : uri;
  const opener = await transportForSpec(spec, options.ssh);
  const client = await LibvirtClient.connect(opener, options);
  try {
    await client.open(spec.remoteName, options.readOnly ? ConnectFlags.READONLY : 0);
    if ((options.daemonKeepalive ?? true) && options.keepalive !== false) {
      await connectSupportsFeature(client, DriverFeature.PROGRAM_KEEPALIVE);
    }
    return client;
  } catch (error) {
    client.destroy();
    throw error;
  }
}
