// libvirt authentication on the lab's auth host (ferry-lab-h4, scripts/lab/auth-host.sh): a real
// libvirtd 9.0 whose unix rw socket asks for SASL SCRAM-SHA-256, whose read-only socket asks a real
// polkitd (whose rule refuses user nobody), and whose TCP listener asks for SASL (DIGEST-MD5 only).

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Services } from '../../src/main/app/services';
import { MemoryStateStore } from '../../src/main/drivers/sim/store';
import { connectGetHostname, LibvirtAuthError, openLibvirt } from '../../src/main/drivers/libvirt/rpc';
import type { CommandName, CommandRequest, CommandResponse } from '../../src/shared/api';
import { readLab, repoRoot } from './lab-env';
import { routerFor } from '../helpers/services';
import { isolatedOpenSshEnvironment } from '../helpers/openssh-environment';

const run = promisify(execFile);
const context = { actor: 'lab-admin', shell: 'browser' as const };

/** lab.json's "authHost" (scripts/lab/README.md). */
interface AuthLabHost {
  name: string;
  hostUuid: string;
  saslUri: string;
  polkitUri: string;
  saslTcpUri: string;
  sasl: { username: string; password: string; mechanisms: string[]; tcpMechanisms: string[] };
}

const authHost = (): AuthLabHost => {
  const host = (readLab() as unknown as { authHost?: AuthLabHost }).authHost;
  if (!host) throw new Error('lab.json has no authHost: scripts/lab/auth-host.sh did not run');
  return host;
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('libvirt authentication against a real libvirtd (lab auth host)', () => {
  let host: AuthLabHost;
  let dataDir: string;
  let services: Services;
  const open = async (): Promise<void> => {
    services = new Services({
      dataDir,
      shell: 'browser',
      version: 'lab',
      osUser: 'lab',
      preset: 'tiny',
      simStore: new MemoryStateStore(),
      openssh: isolatedOpenSshEnvironment(join(dataDir, 'home')),
    });
    await services.start();
  };
  const dispatch = <N extends CommandName>(name: N, payload: CommandRequest<N>) => routerFor(services).dispatch(name, payload, context);
  async function call<N extends CommandName>(name: N, payload: CommandRequest<N>): Promise<CommandResponse<N>> {
    const reply = await dispatch(name, payload);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as CommandResponse<N>;
  }

  beforeAll(async () => {
    host = authHost();
    dataDir = mkdtempSync(join(tmpdir(), 'ferry-lab-auth-'));
    await open();
  });
  afterAll(async () => {
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs in with SASL SCRAM-SHA-256 over the unix socket (RPC client)', async () => {
    const client = await openLibvirt(host.saslUri, { sasl: { username: host.sasl.username, password: host.sasl.password } });
    try {
      expect(await connectGetHostname(client)).toBe(host.name);
    } finally {
      await client.close();
    }
  });

  it('adds the host through the console with its SASL login: tested, sealed, discovered, and back after a restart', async () => {
    const input = { uri: host.saslUri, clusterName: 'Auth', virtType: 'qemu' as const };
    // No login given: the test connection says the daemon wants one, typed.
    expect(await dispatch('hosts.testConnection', input)).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUIRED', message: expect.stringMatching(/requires a SASL login \(SCRAM-SHA-256\)/) },
    });
    const withLogin = { ...input, sasl: { username: host.sasl.username, password: host.sasl.password } };
    expect((await call('hosts.testConnection', withLogin)).hostUuid).toBe(host.hostUuid);
    expect(await call('hosts.add', withLogin)).toMatchObject({ hostId: `libvirt:${host.hostUuid}`, saslLogin: true, auth: 'none' });

    await services.refreshInventory();
    const hosts = (await call('inventory.snapshot', {})).hosts.filter((h) => h.driverId === 'libvirt');
    expect(hosts.map((h) => [h.id, h.connection])).toEqual([[`libvirt:${host.hostUuid}`, 'connected']]);
    expect(readFileSync(join(dataDir, 'ferry.db')).toString('latin1')).not.toContain(host.sasl.password);

    // A restarted console opens the sealed login and reconnects with it.
    await services.close();
    await open();
    await services.refreshInventory();
    const again = (await call('inventory.snapshot', {})).hosts.filter((h) => h.driverId === 'libvirt');
    expect(again.map((h) => h.connection)).toEqual(['connected']);
  });

  it('a wrong SASL password is AUTH_FAILED "authentication failed", with the password nowhere', async () => {
    const wrong = 'not-the-lab-password';
    const error = await rejection(openLibvirt(host.saslUri, { sasl: { username: host.sasl.username, password: wrong } }));
    expect(error).toBeInstanceOf(LibvirtAuthError);
    expect(error).toMatchObject({ kind: 'AUTH_FAILED', message: expect.stringMatching(/authentication failed/) });
    const reply = await dispatch('hosts.testConnection', {
      uri: host.saslUri,
      clusterName: 'Auth',
      sasl: { username: host.sasl.username, password: wrong },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: expect.stringMatching(/authentication failed/) } });
    expect(JSON.stringify(reply)).not.toContain(wrong);
  });

  it('SASL on plain TCP (only DIGEST-MD5 offered) is refused, typed, pointing at qemu+tls or qemu+ssh', async () => {
    const login = { username: host.sasl.username, password: host.sasl.password };
    const error = await rejection(openLibvirt(host.saslTcpUri, { sasl: login }));
    expect(error).toMatchObject({ kind: 'AUTH_MECHANISM_UNSUPPORTED', details: { offered: host.sasl.tcpMechanisms } });
    const reply = await dispatch('hosts.testConnection', { uri: host.saslTcpUri, clusterName: 'Auth', sasl: login });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'AUTH_MECHANISM_UNSUPPORTED', message: expect.stringMatching(/DIGEST-MD5.*qemu\+tls:\/\/ or qemu\+ssh:\/\//) },
    });
  });

  it('the polkit socket: root passes (libvirt bypasses polkit for uid 0); a user the policy refuses gets AUTH_FAILED with the fix', async () => {
    const asRoot = await openLibvirt(host.polkitUri, { readOnly: true });
    await asRoot.close();
    const script = await childScript();
    // The lab's polkit rule says NO to user nobody for every org.libvirt.unix.* action.
    const { stdout } = await run(process.execPath, [script, host.polkitUri], { uid: 65534, gid: 65534, timeout: 60_000 });
    const answer = JSON.parse(stdout.trim()) as { ok: boolean; code?: string; message?: string; uid?: number };
    expect(answer).toMatchObject({ ok: false, uid: 65534, code: 'AUTH_FAILED' });
    expect(answer.message).toMatch(/authentication failed: .* denied access by its polkit policy/);
    expect(answer.message).toMatch(/"libvirt" group|polkit rule/);
  });
});

/** auth-child.ts bundled with Vite into a file another user can run (dependencies stay in node_modules). */
async function childScript(): Promise<string> {
  const outDir = join(repoRoot, 'test-results', 'lab-auth-child');
  mkdirSync(outDir, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'silent',
    root: repoRoot,
    build: {
      ssr: join(repoRoot, 'test/lab/auth-child.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { output: { entryFileNames: 'auth-child.mjs', format: 'es' } },
    },
  });
  return join(outDir, 'auth-child.mjs');
}
