// "Show in the audit trail" from anywhere: which operation the Audit view should open scoped to
// next, and who switches to it (the console's tabs).

/** An operation to show in the audit trail: its records, under a chip that names it. */
export interface AuditScope {
  operation: string;
  /** What the chip says, e.g. "Maintenance of DC0_C1_H2, 17:29". */
  label: string;
}

let pendingScope: AuditScope | null = null;
const scopeListeners = new Set<(scope: AuditScope) => void>();

/** Opens the audit trail filtered to one operation's records, shown as a chip, not a search text. */
export function showOperationInAudit(scope: AuditScope): void {
  pendingScope = scope;
  for (const l of scopeListeners) l(scope);
}

export function onShowOperationInAudit(listener: (scope: AuditScope) => void): () => void {
  scopeListeners.add(listener);
  return () => scopeListeners.delete(listener);
}

/** The operation the Audit view will open with, left in place: a render may be thrown away and run again. */
export function peekAuditScope(): AuditScope | null {
  return pendingScope;
}

/** The operation the Audit view opens with (once), if anything asked for one: taken once the view is on screen. */
export function takeAuditScope(): AuditScope | null {
  const scope = pendingScope;
  pendingScope = null;
  return scope;
}
