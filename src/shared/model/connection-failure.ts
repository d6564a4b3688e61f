import { z } from 'zod';

/**
 * The details of a HOST_UNREACHABLE that failed at the socket: why, where, and over which
 * transport, so the console can say what to check (daemon not listening, wrong port, firewall...).
 */
export const ConnectionFailure = z.object({
  reason: z.enum(['refused', 'timed-out', 'no-route', 'name-unknown', 'reset', 'socket-missing', 'permission-denied']),
  /** `host:port`, or the socket path, as it was dialled. */
  endpoint: z.string().nullable(),
  transport: z.enum(['unix', 'tcp', 'ssh', 'tls']).nullable(),
});
export type ConnectionFailure = z.infer<typeof ConnectionFailure>;
