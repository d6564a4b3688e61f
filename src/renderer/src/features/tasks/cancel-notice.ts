import { FerryError } from '../../../../shared/api/errors';

/** A notice as the renderer gives it: words, or a failure its error alert explains. */
export type CancelNotice = { level: 'info'; title: string; body: string } | { level: 'error'; title: string; error: unknown };

/**
 * What a cancel's answer tells the admin. Refused because the move ended or switched over in the
 * moment before the click arrived (Cancel was offered while it still copied): a quiet word on how
 * it ends, not an error with its code (new-user review 10, 7). Anything else is a failure to explain.
 */
export function cancelNotice(vmName: string, answer: { ok: true } | { ok: false; error: unknown }): CancelNotice {
  if (answer.ok) return { level: 'info', title: `Cancelling ${vmName}`, body: 'It rolls back and keeps running on its source.' };
  const { error } = answer;
  if (error instanceof FerryError && error.code === 'CANCEL_REFUSED')
    return {
      level: 'info',
      title: `Too late to cancel ${vmName}`,
      body: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}. The Tasks view shows how it ends.`,
    };
  return { level: 'error', title: `Cannot cancel ${vmName}`, error };
}
