// Where `ssh [-l user] [-p port] [-i keyfile] host` really goes, as OpenSSH decides it: what the
// command line (here: the libvirt URI) says wins, then the first value ssh_config gives, then
// the defaults. ProxyJump hops are resolved through ssh_config the same way.

import { join } from 'node:path';
import { expandTilde, loadSshConfig } from './config-files';
import { resolveSshConfig, type SshConfigLine } from './ssh-config';
import type { OpenSshEnvironment } from './openssh-environment';

export interface SshEndpoint {
  /** The name as given (URI host, ProxyJump hop); known_hosts and HostName tokens use `host`. */
  readonly alias: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Absolute paths, in the order to try; the default id_* files when nothing names one. */
  readonly identityFiles: readonly string[];
  /** IdentitiesOnly: use only these files, not every key the agent holds. */
  readonly identitiesOnly: boolean;
  readonly knownHostsFiles: readonly string[];
}

export interface SshTarget extends SshEndpoint {
  /** ProxyJump hops, outermost first. */
  readonly jumps: readonly SshEndpoint[];
}

/** What the libvirt URI says; each field, when present, overrides ssh_config. */
export interface SshRequest {
  readonly host: string;
  readonly port?: number | undefined;
  readonly user?: string | undefined;
  readonly keyfile?: string | undefined;
}

// The key types ssh2 can use, in OpenSSH's default order.
const DEFAULT_IDENTITIES = ['id_rsa', 'id_ecdsa', 'id_ed25519'];

export async function resolveSshTarget(request: SshRequest, env: OpenSshEnvironment): Promise<SshTarget> {
  const config = await loadSshConfig(env);
  const target = endpointOf(config, request, env);
  const proxyJump = resolveSshConfig(config, request.host).proxyJump;
  const jumps =
    !proxyJump || proxyJump.toLowerCase() === 'none' ? [] : proxyJump.split(',').map((hop) => endpointOf(config, parseHop(hop), env));
  return { ...target, jumps };
}

function endpointOf(config: readonly SshConfigLine[], request: SshRequest, env: OpenSshEnvironment): SshEndpoint {
  const values = resolveSshConfig(config, request.host);
  const host = values.hostName ? expandTokens(values.hostName, { h: request.host }) : request.host;
  const port = request.port ?? values.port ?? 22;
  const user = request.user ?? values.user ?? env.localUser;
  const tokens = { h: host, n: request.host, p: String(port), r: user, u: env.localUser, d: env.homeDir };
  const path = (file: string) => expandTilde(expandTokens(file, tokens), env.homeDir);
  // Like `ssh -i`: the URI's keyfile is tried first, ssh_config's files after it.
  const named = [...(request.keyfile ? [request.keyfile] : []), ...values.identityFiles];
  const identityFiles = named.length > 0 ? named.map(path) : DEFAULT_IDENTITIES.map((name) => join(env.homeDir, '.ssh', name));
  const userKnown = values.userKnownHostsFiles ?? ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'];
  const globalKnown = values.globalKnownHostsFiles ?? env.globalKnownHostsFiles;
  return {
    alias: request.host,
    host,
    port,
    user,
    identityFiles: [...new Set(identityFiles)],
    identitiesOnly: values.identitiesOnly ?? false,
    knownHostsFiles: [...userKnown, ...globalKnown].filter((f) => f.toLowerCase() !== 'none').map(path),
  };
}

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`; IPv6 addresses in brackets. */
export function parseHop(hop: string): SshRequest {
  const match = /^(?:ssh:\/\/)?(?:([^@]+)@)?(\[[^\]]+\]|[^:@]+)(?::(\d+))?$/.exec(hop.trim());
  if (!match) throw new Error(`ProxyJump: cannot read hop "${hop}"`);
  return {
    host: match[2]!.replace(/^\[(.*)\]$/, '$1'),
    ...(match[1] ? { user: match[1] } : {}),
    ...(match[3] ? { port: Number(match[3]) } : {}),
  };
}

function expandTokens(text: string, tokens: Record<string, string>): string {
  return text.replace(/%(.)/g, (whole, letter: string) => (letter === '%' ? '%' : (tokens[letter] ?? whole)));
}
