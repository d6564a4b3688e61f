/** Query parameters that name which host a URI is, not how to get in: a unix socket's path. */
const identifying = new Set(['socket']);

/**
 * A URI fit for messages, logs and the audit trail: no password (should one have been put there),
 * no fragment, and of the query only what tells hosts apart (`socket`); key paths, commands and
 * other options stay out.
 */
export function redactUri(uri: string): string {
  const withoutPassword = uri.replace(/#.*$/, '').replace(/\/\/([^/@:]*):[^/@]*@/, '//$1@');
  const at = withoutPassword.indexOf('?');
  if (at < 0) return withoutPassword;
  const kept = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(withoutPassword.slice(at + 1))) if (identifying.has(key)) kept.append(key, value);
  const query = [...kept].map(([key, value]) => `${key}=${value}`).join('&');
  return `${withoutPassword.slice(0, at)}${query ? `?${query}` : ''}`;
}
