/**
 * What the Audit grid's Error cell says: the words first, then the code as a reference, as every error
 * alert of the console puts them (it led with "DESTINATION_FAILED: …", new-user review 12, 16).
 */
export function auditErrorText(code: string | null, message: string | null): string {
  if (!code) return '';
  const words = message?.trim();
  return words ? `${words} (${code})` : code;
}
