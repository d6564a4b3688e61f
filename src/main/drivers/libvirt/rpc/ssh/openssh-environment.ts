// Where OpenSSH's per-user state lives. Injected everywhere (tests pass a temp folder, so they
// never read the real ~/.ssh or talk to the real agent: test/helpers/openssh-environment.ts);
// the app passes the process's own.

import { homedir, userInfo } from 'node:os';

export interface OpenSshEnvironment {
  /** The home whose `.ssh/config`, `.ssh/known_hosts` and `.ssh/id_*` are used. */
  readonly homeDir: string;
  /** The login name when neither the URI nor ssh_config names a user (`%u`). */
  readonly localUser: string;
  /** The ssh-agent socket (SSH_AUTH_SOCK); undefined: no agent. */
  readonly agentSocket: string | undefined;
  /** The system-wide ssh_config, read after the user's (first value wins); null: none. */
  readonly systemConfigFile: string | null;
  /** Default GlobalKnownHostsFile (ssh_config can name others). */
  readonly globalKnownHostsFiles: readonly string[];
}

export function processOpenSshEnvironment(): OpenSshEnvironment {
  const agentSocket = process.env['SSH_AUTH_SOCK'];
  return {
    homeDir: homedir(),
    localUser: userInfo().username,
    agentSocket: agentSocket ? agentSocket : undefined,
    systemConfigFile: '/etc/ssh/ssh_config',
    globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
  };
}
