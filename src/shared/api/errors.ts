import { z } from 'zod';

/** Every failure that crosses the IPC boundary carries one of these codes; the UI switches on them. */
export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'UNKNOWN_COMMAND',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'PRECHECK_FAILED',
  'WARNINGS_NOT_ACKNOWLEDGED',
  'MIGRATION_IN_PROGRESS',
  'CANCEL_REFUSED',
  'HOST_UNREACHABLE',
  'INSUFFICIENT_MEMORY',
  'CPU_INCOMPATIBLE',
  'AUTH_FAILED',
  'DRIVER_ERROR',
  'EXPORT_FAILED',
  'TIMEOUT',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** Thrown by services and by the renderer's client; serialises to ApiErrorShape. */
export class FerryError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'FerryError';
  }

  toShape(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromShape(shape: ApiErrorShape): FerryError {
    return new FerryError(shape.code, shape.message, shape.details);
  }
}

/** The envelope every transport carries, because thrown errors lose their fields across Electron IPC. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
