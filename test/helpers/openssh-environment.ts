import type { OpenSshEnvironment } from '../../src/main/drivers/libvirt/rpc';

/** A home of the test's own and no agent, so no test reads the real ~/.ssh or uses the real ssh-agent. */
export function isolatedOpenSshEnvironment(homeDir: string, overrides: Partial<OpenSshEnvironment> = {}): OpenSshEnvironment {
  return { homeDir, localUser: 'ferry', agentSocket: undefined, systemConfigFile: null, globalKnownHostsFiles: [], ...overrides };
}
