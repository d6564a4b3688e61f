import { z } from 'zod';

/** The details of a TLS_* error: what failed, and which file or endpoint it concerns. */
export const TlsErrorDetails = z.object({
  reason: z.enum(['file-missing', 'file-invalid', 'server-untrusted', 'hostname-mismatch', 'client-refused', 'port-closed']),
  /** The CA, certificate or key file concerned (file-missing, file-invalid, client-refused), else null. */
  path: z.string().nullable(),
});
export type TlsErrorDetails = z.infer<typeof TlsErrorDetails>;
