import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/renderer/src/components/describe-error';
import { ErrorCode, FerryError } from '../../src/shared/api/errors';

describe('describeError', () => {
  it('explains every code of the contract in words of its own', () => {
    for (const code of ErrorCode.options) {
      const described = describeError(new FerryError(code, 'what happened'));
      expect(described.code).toBe(code);
      expect(described.body).toBe('what happened');
      expect(described.hint, code).toBeTruthy();
    }
  });

  it('names the missing TLS file, and tells a misnamed host certificate from an untrusted one', () => {
    const missing = describeError(new FerryError('TLS_CERT_MISSING', 'x', { reason: 'file-missing', path: '/srv/pki/hv1/cacert.pem' }));
    expect(missing.hint).toContain('/srv/pki/hv1/cacert.pem');
    const misnamed = describeError(new FerryError('TLS_SERVER_UNTRUSTED', 'x', { reason: 'hostname-mismatch', path: null }));
    const untrusted = describeError(new FerryError('TLS_SERVER_UNTRUSTED', 'x', { reason: 'server-untrusted', path: null }));
    expect(misnamed.title).toMatch(/names another host/);
    expect(untrusted.title).toMatch(/not trusted/);
    expect(describeError(new FerryError('TLS_CLIENT_REFUSED', 'x')).hint).toContain('tls_allowed_dn_list');
  });

  it('lists the fields a VALIDATION_FAILED names and the checks a PRECHECK_FAILED blocks on', () => {
    const invalid = describeError(
      new FerryError('VALIDATION_FAILED', 'invalid payload', { issues: [{ path: 'simSpeed', message: 'Too small' }] }),
    );
    expect(invalid.items).toEqual(['simSpeed: Too small']);
    const checks = {
      checks: [
        {
          vmId: 'v',
          results: [
            { code: 'CPU_FEATURES_MISSING', severity: 'error', message: 'lacks avx512f.', hint: 'Use the baseline.' },
            { severity: 'warning', message: 'ignored' },
          ],
        },
      ],
    };
    expect(describeError(new FerryError('PRECHECK_FAILED', 'blocked', checks)).items).toEqual(['lacks avx512f. Use the baseline.']);
  });

  it("prefers a task's own hint, and makes a title from an unknown code rather than parsing the message", () => {
    expect(describeError({ code: 'CANCELLED', message: 'cancelled by the user', hint: 'It stays on H0.' }).hint).toBe('It stays on H0.');
    expect(describeError({ code: 'SOMETHING_NEW', message: 'x' }).title).toBe('Something new');
    expect(describeError(new Error('plain')).title).toBe('Unexpected error');
  });
});
