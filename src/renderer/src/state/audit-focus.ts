// "Show in the audit trail" from anywhere: what the Audit view should search for next, and who
// switches to it (the console's tabs). A maintenance operation's id is searched, not copied by hand.

let pending: string | null = null;
const listeners = new Set<(text: string) => void>();

export function showInAudit(text: string): void {
  pending = text;
  for (const l of listeners) l(text);
}

/** Called with the text each time something asks to be shown in the audit trail; returns the unsubscribe. */
export function onShowInAudit(listener: (text: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The search the Audit view opens with (once): what was asked for last, if anything. */
export function takeAuditSearch(): string | null {
  const text = pending;
  pending = null;
  return text;
}
