import type { ErrorCode } from '../../../shared/api/errors';

/** Why a phase failed, with a code the UI and the audit trail keep, and what to do about it. */
export class PhaseError extends Error {
  override name = 'PhaseError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Thrown at a safe point after the user asked to cancel; the migration rolls back. */
export class CancelledError extends PhaseError {
  override name = 'CancelledError';
  constructor() {
    super('CANCELLED', 'cancelled by the user', 'The VM keeps running on its source host.');
  }
}

/** Not a failure: Ferry is stopping. The run ends where it is; the next start reconciles it. */
export class HaltSignal extends Error {
  override name = 'HaltSignal';
  constructor() {
    super('Ferry is stopping');
  }
}

/** Thrown by a cleanup that finds the guest already switched over: rolling back stops; the run goes on. */
export class DoorCrossed extends Error {
  override name = 'DoorCrossed';
  constructor() {
    super('the guest switched over to the destination meanwhile');
  }
}
