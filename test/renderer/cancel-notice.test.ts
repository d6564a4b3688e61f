import { describe, expect, it } from 'vitest';
import { FerryError } from '../../src/shared/api/errors';
import { cancelNotice } from '../../src/renderer/src/features/tasks/cancel-notice';

describe("a cancel's notice", () => {
  it('says a cancel that came a moment too late quietly, with how the move ends, not as an error (new-user review 10, 7)', () => {
    const late = cancelNotice('VM0', { ok: false, error: new FerryError('CANCEL_REFUSED', 'the migration already ended (completed)') });
    expect(late).toEqual({
      level: 'info',
      title: 'Too late to cancel VM0',
      body: 'The migration already ended (completed). The Tasks view shows how it ends.',
    });
  });

  it('says an accepted cancel rolls back, and keeps any other failure an error to explain', () => {
    expect(cancelNotice('VM0', { ok: true })).toMatchObject({ level: 'info', title: 'Cancelling VM0' });
    const down = new FerryError('NOT_FOUND', 'no task t1');
    expect(cancelNotice('VM0', { ok: false, error: down })).toEqual({ level: 'error', title: 'Cannot cancel VM0', error: down });
  });
});
