// From a libvirt URI to an open connection: pick the transport, connect, CONNECT_OPEN, and
// (optionally) ask the daemon to ping us so both sides detect a dead peer.

import { ConnectFlags, LibvirtClient, type LibvirtClientOptions } from './client';
import { connectSupportsFeature } from './api/host';
import { DriverFeature } from './procedure-numbers';
import { type TransportOpener } from './transport';
import { sshTransport } from './transports/ssh';
import type { OpenSshEnvironment } from './ssh/openssh-environment';
import { sshLoginFor, type HostKeyPolicy } from './ssh/ssh-login';
import { resolveSshTarget } from './ssh/ssh-target';
import { tcpTransport } from './transports/tcp';
import { tlsTransport } from './transports/tls';
import { resolvePkiFiles, type PkiEnvironment } from './transports/tls-pki';
import { unixTransport } from './transports/unix';
import { parseLibvirtUri, type ConnectionSpec } from './uri';
import { assertNever } from '../../../base/assert-never';
import { redactUri } from '../../../base/redact';
import { authErrorFromReply } from './auth/auth-error';
import { authenticate } from './auth/authenticate';
import type { SaslCredentials } from './auth/auth-types';

export interface SshCredentials {
  /** Decides on every host key shown (the libvirt host's and each ProxyJump hop's), told what known_hosts says. */
  readonly verifyHostKey: HostKeyPolicy;
  /** Whose ~/.ssh and agent: ssh_config, known_hosts, identity files, SSH_AUTH_SOCK. */
  readonly openssh: OpenSshEnvironment;
  /** Overrides the URI's user (which overrides ssh_config's); default the local user, like ssh(1). */
  readonly username?: string;
  /** Private key contents, tried first; then the agent, the URI's `keyfile=`, ssh_config's IdentityFile. */
  readonly privateKey?: Buffer | string;
  readonly passphrase?: string;
  readonly password?: string;
  /** The host's key is pinned by fingerprint: let it show any key type. */
  readonly hostKeyPinned?: boolean;
  readonly readyTimeoutMs?: number;
}

/** Where a qemu+tls:// client's CA, certificate and key are; the URI's `pkipath=` wins over `pkiDir`. */
export interface TlsClientOptions {
  /** A directory holding cacert.pem, clientcert.pem, clientkey.pem (Ferry's per-host setting). */
  readonly pkiDir?: string;
  /** Whose defaults apply (root: /etc/pki; others: ~/.pki/libvirt); default this process's. */
  readonly environment?: PkiEnvironment;
}

export interface OpenLibvirtOptions extends LibvirtClientOptions {
  readonly readOnly?: boolean;
  readonly signal?: AbortSignal;
  /** Required for qemu+ssh:// URIs. */
  readonly ssh?: SshCredentials;
  /** For qemu+tls:// URIs (optional: libvirt's default paths otherwise). */
  readonly tls?: TlsClientOptions;
  /**
   * Ask the daemon to start its own keepalive pings (libvirtd only pings clients that asked via
   * CONNECT_SUPPORTS_FEATURE(PROGRAM_KEEPALIVE), as virConnectSetKeepAlive does). Default true.
   */
  readonly daemonKeepalive?: boolean;
  /** The SASL login, for daemons whose socket asks for SASL (auth_unix_rw/auth_tcp/auth_tls = "sasl"). */
  readonly sasl?: SaslCredentials;
}

async function transportForSpec(spec: ConnectionSpec, ssh?: SshCredentials, tls?: TlsClientOptions): Promise<TransportOpener> {
  switch (spec.transport) {
    case 'unix':
      return unixTransport(spec.socketPath);
    case 'tcp':
      return tcpTransport(spec.host, spec.port);
    case 'tls': {
      const files = await resolvePkiFiles(spec.pkiPath ?? tls?.pkiDir, tls?.environment);
      return tlsTransport({ host: spec.host, port: spec.port, files, noVerify: spec.noVerify });
    }
    case 'ssh':
      if (!ssh) throw new TypeError(`${spec.remoteName} over ssh needs ssh credentials (at least verifyHostKey)`);
      return sshTransportFor(spec, ssh);
    default:
      return assertNever(spec);
  }
}

async function sshTransportFor(spec: Extract<ConnectionSpec, { transport: 'ssh' }>, ssh: SshCredentials): Promise<TransportOpener> {
  const target = await resolveSshTarget(
    { host: spec.host, port: spec.uriPort, user: ssh.username ?? spec.user, keyfile: spec.keyfile },
    ssh.openssh,
  );
  const common = { agentSocket: ssh.openssh.agentSocket, verifyHostKey: ssh.verifyHostKey, ...timeout(ssh) };
  // Jump hosts get no Ferry secrets: like `ssh -J`, they log in with the agent and identity files.
  const jumps = await Promise.all(target.jumps.map((hop) => sshLoginFor(hop, { ...common, secrets: {}, jump: true })));
  const secrets = { privateKey: ssh.privateKey, passphrase: ssh.passphrase, password: ssh.password };
  const login = await sshLoginFor(target, { ...common, secrets, jump: false, anyKeyType: ssh.hostKeyPinned === true });
  return sshTransport({
    ...login,
    jumps,
    remoteUri: spec.remoteName,
    ...(spec.socketPath === undefined ? {} : { socketPath: spec.socketPath }),
    proxy: spec.proxy,
    ...(spec.netcat === undefined ? {} : { netcat: spec.netcat }),
  });
}

const timeout = (ssh: SshCredentials) => (ssh.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: ssh.readyTimeoutMs });

/** Connects and opens `uri` (string or parsed). The caller owns the client: close() it. */
export async function openLibvirt(uri: string | ConnectionSpec, options: OpenLibvirtOptions = {}): Promise<LibvirtClient> {
  const spec = typeof uri === 'string' ? parseLibvirtUri(uri) : uri;
  const opener = await transportForSpec(spec, options.ssh, options.tls);
  const client = await LibvirtClient.connect(opener, options);
  try {
    // As libvirt's client: authenticate before CONNECT_OPEN (the daemon refuses anything else first).
    const where = typeof uri === 'string' ? redactUri(uri) : `libvirtd at ${'host' in spec ? spec.host : spec.socketPath}`;
    await authenticate(client, { preference: spec.auth, secure: spec.secure, sasl: options.sasl, where });
    await client.open(spec.remoteName, options.readOnly ? ConnectFlags.READONLY : 0).catch((error: unknown) => {
      throw authErrorFromReply(error, where) ?? error;
    });
    if ((options.daemonKeepalive ?? true) && options.keepalive !== false) {
      await connectSupportsFeature(client, DriverFeature.PROGRAM_KEEPALIVE);
    }
    return client;
  } catch (error) {
    client.destroy();
    throw error;
  }
}
