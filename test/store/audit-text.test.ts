import { SealedAuditKeyFile } from '../../src/main/base/audit-key';
import { FileKeySecretBox, SecretKeyring } from '../../src/main/base/secrets';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import { AuditLog } from '../../src/main/store/audit/audit-log';
import { AuditRepository } from '../../src/main/store/audit/audit-repository';
import { openDatabase } from '../../src/main/store/database';
import { useServices, routerFor } from '../helpers/services';
import { request } from '../engine/harness';
import { useTempDirs } from '../helpers/temp-dir';

// SQLite keeps text as UTF-8, where a lone UTF-16 surrogate has no form: it is stored as U+FFFD.
// A record hashed before that change fails Verify for ever, and hides any tampering after it.
describe('text the audit trail cannot keep as it was given', () => {
  const tempDir = useTempDirs();
  const start = useServices();

  it('hashes what it stores: a record with a lone surrogate from a driver still verifies', () => {
    const dir = tempDir();
    const db = openDatabase(`${dir}/ferry.db`);
    const log = new AuditLog(
      new AuditRepository(db),
      new VirtualClock(),
      new SealedAuditKeyFile(`${dir}/audit.key`, new SecretKeyring([new FileKeySecretBox(dir)])),
    );
    const record = log.append({ actor: 'op\ud800', action: 'migration.finished', vmName: 'vm\udc00', details: 'a\ud83d' });
    log.append({ actor: 'alice', action: 'migration.finished', vmName: 'vm🙂' });
    expect(log.verify()).toMatchObject({ ok: true, checked: 2 });
    // What was hashed is what is stored, and what the record returned says.
    expect(record.vmName).toBe('vm\ufffd');
    db.close();
  });

  it('refuses a schedule or an operator name that cannot be stored faithfully, with a typed error', async () => {
    const { services } = await start();
    const router = routerFor(services);
    const context = { actor: 'tester', shell: 'browser' } as const;
    const schedule = (name: string) => ({
      name,
      timing: { kind: 'recurring', cron: '0 2 * * *', timezone: 'Europe/Berlin' },
      windowMinutes: null,
      graceMinutes: 15,
      request: request({ vmIds: ['DC0_C0_H0_VM0'] }),
    });
    const refused = await router.dispatch('schedules.create', schedule('nightly \ud800'), context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'name' }] } } });
    expect(JSON.stringify(refused)).toMatch(/cannot be stored/);
    const operator = await router.dispatch('settings.update', { operatorName: 'eve\udfff' }, context);
    expect(operator).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'operatorName' }] } } });
    // Well-formed text of any script, emoji included, passes; the trail still verifies.
    expect(await router.dispatch('schedules.create', schedule('nächtlich 🌙 夜間'), context)).toMatchObject({ ok: true });
    expect(await router.dispatch('settings.update', { operatorName: 'Zoë 🙂' }, context)).toMatchObject({ ok: true });
    expect(await router.dispatch('audit.verify', {}, context)).toMatchObject({ ok: true, value: { ok: true } });
  });
});
