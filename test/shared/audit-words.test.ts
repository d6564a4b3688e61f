import { describe, expect, it } from 'vitest';
import { AuditAction } from '../../src/shared/model/audit';
import { actionsSaying, auditActionWords } from '../../src/shared/model/audit-words';

describe('audit actions in words (new-user review 10, 10: the Audit view showed codes)', () => {
  it('has words for every action and for nothing else', () => {
    expect(Object.keys(auditActionWords).sort()).toEqual([...AuditAction.options].sort());
  });

  it.each(AuditAction.options)('%s reads as a sentence, not as its code', (action) => {
    const words = auditActionWords[action];
    expect(words).toMatch(/^[A-Z][a-z]/);
    expect(words).not.toMatch(/[._]|-[a-z]/);
  });

  it('tells every action apart', () => {
    expect(new Set(Object.values(auditActionWords)).size).toBe(AuditAction.options.length);
  });

  it('says the actions of the review as an admin would', () => {
    expect(auditActionWords['maintenance.guest-powered-off']).toBe('Guest powered off for maintenance');
    expect(auditActionWords['migration.started']).toBe('Migration started');
  });

  it('finds actions by any part of their words, in any case; blanks alone find none', () => {
    expect(actionsSaying('POWERED OFF')).toEqual(['maintenance.guest-powered-off']);
    expect(actionsSaying('failback')).toEqual(['maintenance.failback-requested', 'maintenance.failback-declined']);
    expect(actionsSaying('  ')).toEqual([]);
    expect(actionsSaying('nothing says this')).toEqual([]);
  });
});
