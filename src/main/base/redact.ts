/**
 * A URI fit for messages, logs and the audit trail: no query (key paths, options), no fragment
 * and no password, should one have been put there.
 */
export function redactUri(uri: string): string {
  return uri.replace(/[?#].*$/, '').replace(/\/\/([^/@:]*):[^/@]*@/, '//$1@');
}
