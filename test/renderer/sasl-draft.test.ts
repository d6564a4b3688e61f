import { describe, expect, it } from 'vitest';
import { emptySasl, saslAskedBy, saslIncomplete, saslOf } from '../../src/renderer/src/features/hosts/sasl-draft';
import { FerryError } from '../../src/shared/api/errors';

describe('the SASL login fields of the host forms', () => {
  it('send a login only when ticked and complete, and call a half-filled one incomplete', () => {
    expect(saslOf(emptySasl)).toBeUndefined();
    expect(saslOf({ enabled: false, username: 'fred', password: 'p' })).toBeUndefined();
    expect(saslOf({ enabled: true, username: 'fred', password: 'p' })).toEqual({ username: 'fred', password: 'p' });
    expect(saslIncomplete({ enabled: true, username: 'fred', password: '' })).toBe(true);
    expect(saslIncomplete({ enabled: false, username: 'fred', password: '' })).toBe(false);
  });

  it('open when the test connection says the daemon asks for a SASL login, by code only', () => {
    expect(saslAskedBy(new FerryError('AUTH_REQUIRED', 'x'))).toBe(true);
    expect(saslAskedBy(new FerryError('AUTH_FAILED', 'requires a SASL login'))).toBe(false);
    expect(saslAskedBy(new Error('AUTH_REQUIRED'))).toBe(false);
  });
});
