import type { ErrorCode } from '../../../shared/api/errors';
import { asErrorLike, checksIn, issuesIn, type ErrorLike } from './error-details';

/** An error as an admin reads it: what went wrong, the message, what lies behind it, what to do. */
export interface ErrorDescription {
  /** The code the UI switched on, shown as the reference to quote; null for errors without one. */
  code: string | null;
  title: string;
  body: string;
  /** The issues or checks behind a VALIDATION_FAILED or PRECHECK_FAILED, one line each. */
  items: string[];
  hint?: string;
}

type Explanation = { title: string; hint: string; items?: string[] };

/**
 * Partial on purpose: main keeps adding codes (driver and migration-phase ones), and a code the UI
 * does not know yet still reads well through the default in describeError.
 */
const explanations: Partial<Record<ErrorCode, (error: ErrorLike) => Explanation>> = {
  VALIDATION_FAILED: (error) => ({ title: 'Invalid request', hint: 'Correct the input and try again.', items: issuesIn(error.details) }),
  UNKNOWN_COMMAND: () => ({ title: 'Unknown command', hint: 'The console and Ferry are out of step: reload the window, or restart Ferry.' }),
  UNAUTHORIZED: () => ({ title: 'Not allowed', hint: 'Open the console again from the link Ferry printed when it started.' }),
  NOT_FOUND: () => ({ title: 'Not found', hint: 'It may have been removed meanwhile: the views show what exists now.' }),
  CONFLICT: () => ({ title: 'Conflict', hint: 'It clashes with what exists already: check the current state and try again.' }),
  PRECHECK_FAILED: (error) => ({ title: 'Blocked by the prechecks', hint: 'Fix what the checks report, or choose another destination.', items: checksIn(error.details, 'error') }),
  WARNINGS_NOT_ACKNOWLEDGED: (error) => ({ title: 'Warnings need your acknowledgement', hint: 'Review the warnings in the wizard, tick them, and start again.', items: checksIn(error.details, 'warning') }),
  MIGRATION_IN_PROGRESS: () => ({ title: 'Already migrating', hint: 'Wait for the running migration to end, or cancel it in the Tasks view.' }),
  CANCEL_REFUSED: () => ({ title: 'Cannot cancel', hint: 'The migration has ended or already switched over: the Tasks view shows how it finishes.' }),
  HOST_UNREACHABLE: () => ({ title: 'Host unreachable', hint: 'Check that the host is up and reachable over the network.' }),
  INSUFFICIENT_MEMORY: () => ({ title: 'Not enough memory', hint: 'Choose a destination with more free memory, or move other VMs away first.' }),
  CPU_INCOMPATIBLE: () => ({ title: 'Incompatible CPU', hint: "Choose a host with a compatible CPU, or give the VM the cluster's baseline CPU model." }),
  AUTH_FAILED: () => ({ title: 'Authentication failed', hint: 'Check the credentials: user, password or key, and the trusted host key.' }),
  DRIVER_ERROR: () => ({ title: 'The hypervisor refused', hint: "The host's libvirt log has the details." }),
  EXPORT_FAILED: () => ({ title: 'Export failed', hint: 'Check that the destination has space and can be written.' }),
  TIMEOUT: () => ({ title: 'Timed out', hint: 'Try again; if it keeps happening, check the load and the network of the hosts involved.' }),
  INTERNAL: () => ({ title: 'Internal error', hint: 'See the main-process log for what failed.' }),
};

const isExplained = (code: string): code is keyof typeof explanations => Object.hasOwn(explanations, code);

/** SWITCHOVER_FAILED → "Switchover failed": a code nobody explained yet still makes a title. */
const titleOf = (code: string | null): string => {
  if (code === null) return 'Unexpected error';
  const words = code.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Switches on the error's code; never parses its message. */
export function describeError(error: unknown): ErrorDescription {
  const failure = asErrorLike(error);
  const explained = failure.code !== null && isExplained(failure.code) ? explanations[failure.code]?.(failure) : undefined;
  // The error's own hint (a task's) knows the case; the code's hint only knows the kind.
  const hint = failure.hint ?? explained?.hint;
  return { code: failure.code, title: explained?.title ?? titleOf(failure.code), body: failure.message, items: explained?.items ?? [], ...(hint ? { hint } : {}) };
}
