// One resolved endpoint → one ssh2 login: the logins to try, and a host key check that hands the
// caller what known_hosts says about the key shown, so the caller's policy (pinned key, known_hosts,
// trust on first use) decides. The key types known_hosts lists for the host are asked for first,
// as OpenSSH orders them, so a host known by its ECDSA key is not refused for showing ED25519.

import { type ConnectConfig } from 'ssh2';
import { authMethodsFor, type SshSecrets } from './ssh-auth';
import { loadKnownHosts } from './config-files';
import { checkKnownHost, hostKeyAlgorithmsFor, knownKeysOf, type KnownHostsVerdict } from './known-hosts';
import type { SshEndpoint } from './ssh-target';
import type { SshHop } from '../transports/ssh';

/** A host key shown during a login, and what known_hosts says of it. */
export interface HostKeySighting {
  readonly host: string;
  readonly port: number;
  /** The name the URI or ProxyJump gave (before HostName). */
  readonly alias: string;
  /** A ProxyJump hop, not the libvirt host itself. */
  readonly jump: boolean;
  readonly knownHosts: KnownHostsVerdict;
}

export type HostKeyPolicy = (key: Buffer, sighting: HostKeySighting) => boolean | Promise<boolean>;

export interface SshLoginOptions {
  readonly secrets: SshSecrets;
  readonly agentSocket: string | undefined;
  readonly verifyHostKey: HostKeyPolicy;
  readonly jump: boolean;
  /** Leave the key type order to ssh2: a pinned fingerprint is of the type first seen, whatever known_hosts lists. */
  readonly anyKeyType?: boolean;
  readonly readyTimeoutMs?: number;
}

export async function sshLoginFor(endpoint: SshEndpoint, options: SshLoginOptions): Promise<SshHop> {
  const knownHosts = await loadKnownHosts(endpoint.knownHostsFiles);
  const keyTypes = knownKeysOf(knownHosts, endpoint.host, endpoint.port).map((line) => line.keyType);
  const preferKnown = !options.anyKeyType && keyTypes.length > 0;
  const connect: ConnectConfig = {
    host: endpoint.host,
    port: endpoint.port,
    username: endpoint.user,
    authHandler: await authMethodsFor(endpoint, options.secrets, options.agentSocket),
    readyTimeout: options.readyTimeoutMs ?? 20_000,
    ...(preferKnown ? { algorithms: { serverHostKey: hostKeyAlgorithmsFor(keyTypes) as never } } : {}),
  };
  return {
    connect,
    verifyHostKey: (key, host, port) =>
      options.verifyHostKey(key, {
        host,
        port,
        alias: endpoint.alias,
        jump: options.jump,
        knownHosts: checkKnownHost(knownHosts, host, port, key),
      }),
  };
}
