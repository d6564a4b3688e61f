// The SASL login of a libvirt host through the console's API: the add-host test says what the
// daemon asks for (typed), a wrong password is AUTH_FAILED without the password anywhere, the
// login is validated, sealed at rest and re-entered; secrets sealed before SASL still open.

import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginsFromSealed, loginsToSeal } from '../../src/main/operations/sealed-logins';
import { FakeLibvirtd } from '../drivers/libvirt/rpc/fake-libvirtd';
import { serveSasl } from '../drivers/libvirt/rpc/fake-sasl';
import { routerFor, useServices } from '../helpers/services';

const context = { actor: 'alice', shell: 'browser' as const };
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** A daemon whose socket asks for SASL SCRAM-SHA-256 with fred's password. */
async function saslDaemon(dir: string, mechlist = 'SCRAM-SHA-256'): Promise<string> {
  const socketPath = join(dir, `sasl-${servers.length}.sock`);
  const server = createServer((socket) => serveSasl(new FakeLibvirtd(socket), { mechlist, username: 'fred', password: 'right-pass' }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return `qemu+unix:///system?socket=${socketPath}`;
}

describe('hosts.testConnection against a daemon that asks for SASL', () => {
  const start = useServices();

  it('without a SASL login: AUTH_REQUIRED, saying so', async () => {
    const { services, dataDir } = await start();
    const uri = await saslDaemon(dataDir);
    const reply = await routerFor(services).dispatch('hosts.testConnection', { uri, clusterName: 'lab' }, context);
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED', message: expect.stringMatching(/SASL login/) } });
  });

  it('with a wrong password: AUTH_FAILED "authentication failed", the password nowhere in the reply or the log', async () => {
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const { services, dataDir } = await start({ logger });
    const uri = await saslDaemon(dataDir);
    const sasl = { username: 'fred', password: 'hunter2-wrong' };
    const reply = await routerFor(services).dispatch('hosts.testConnection', { uri, clusterName: 'lab', sasl }, context);
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: expect.stringMatching(/authentication failed/) } });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('offering only mechanisms Ferry does not speak: AUTH_MECHANISM_UNSUPPORTED naming them', async () => {
    const { services, dataDir } = await start();
    const uri = await saslDaemon(dataDir, 'GSSAPI');
    const reply = await routerFor(services).dispatch('hosts.testConnection', { uri, clusterName: 'lab' }, context);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'AUTH_MECHANISM_UNSUPPORTED', message: expect.stringMatching(/GSSAPI.*SCRAM-SHA-256/) },
    });
  });

  it('validates the SASL login in the contract', async () => {
    const { services } = await start();
    for (const sasl of [{ username: 'fred' }, { username: '', password: 'x' }, { username: 'fred', password: 'x', extra: 1 }]) {
      const reply = await routerFor(services).dispatch('hosts.testConnection', { uri: 'qemu:///system', clusterName: 'c', sasl }, context);
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const neither = await routerFor(services).dispatch('hosts.updateCredentials', { connectionId: 'x' }, context);
    expect(neither).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('sealed logins', () => {
  it('round-trip the SSH and SASL logins, and open secrets sealed before SASL existed', () => {
    const ssh = { kind: 'password' as const, password: 'p' };
    const sasl = { username: 'fred', password: 's' };
    expect(loginsFromSealed(loginsToSeal({ credentials: ssh, sasl })!)).toEqual({ credentials: ssh, sasl });
    expect(loginsFromSealed(loginsToSeal({ sasl })!)).toEqual({ sasl });
    expect(loginsToSeal({ credentials: ssh })).toBe(JSON.stringify(ssh)); // the old format, unchanged
    expect(loginsFromSealed(JSON.stringify(ssh))).toEqual({ credentials: ssh });
    expect(loginsToSeal({})).toBeNull();
  });
});
