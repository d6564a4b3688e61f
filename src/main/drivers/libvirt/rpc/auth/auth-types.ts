// What the caller may ask of libvirt's authentication phase: a type forced by the URI
// (`?auth=sasl`, `?auth=sasl.SCRAM-SHA-256`, `?auth=polkit`, as libvirt's client reads it) and the
// SASL login to use. Kept apart from the procedures so uri.ts can name it without a cycle.

export type AuthPreference = { readonly type: 'sasl'; readonly mechanism?: string } | { readonly type: 'polkit' };

/** A SASL login (libvirt's sasldb or GSSAPI identity). Secret: never logged, never put in an error. */
export interface SaslCredentials {
  readonly username: string;
  readonly password: string;
}

/** What the daemon ended up accepting, for diagnostics. */
export type AuthOutcome = { readonly type: 'none' } | { readonly type: 'polkit' } | { readonly type: 'sasl'; readonly mechanism: string };

/** Parses the `auth` URI parameter the way libvirt's remoteAuthenticate does; null when it is not valid. */
export function parseAuthPreference(raw: string): AuthPreference | null {
  const lower = raw.toLowerCase();
  if (lower === 'polkit') return { type: 'polkit' };
  if (lower === 'sasl') return { type: 'sasl' };
  if (lower.startsWith('sasl.') && raw.length > 5) return { type: 'sasl', mechanism: raw.slice(5).toUpperCase() };
  return null;
}
