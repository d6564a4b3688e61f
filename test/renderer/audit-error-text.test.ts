import { describe, expect, it } from 'vitest';
import { auditErrorText } from '../../src/renderer/src/features/audit/error-text';

describe("the Audit grid's Error cell (new-user review 12, 16)", () => {
  it('leads with the words and keeps the code after them, as a reference, as every error alert does', () => {
    expect(auditErrorText('DESTINATION_FAILED', 'the destination host refused the incoming VM')).toBe(
      'the destination host refused the incoming VM (DESTINATION_FAILED)',
    );
  });

  it('shows the code alone when the record has no words, and nothing for a record without an error', () => {
    expect(auditErrorText('TIMEOUT', null)).toBe('TIMEOUT');
    expect(auditErrorText('TIMEOUT', '  ')).toBe('TIMEOUT');
    expect(auditErrorText(null, null)).toBe('');
  });
});
