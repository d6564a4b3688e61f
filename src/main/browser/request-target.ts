/** A request's target as the shell reads it: the path, percent-decoded once, and the query. */
export interface RequestTarget {
  path: string;
  query: URLSearchParams;
}

const base = 'http://127.0.0.1';

/**
 * Reads a request-target, or returns null when it is malformed (the shell answers 400). Only the
 * origin form is served (`/path?query`): `//host…` would re-host the URL, and a target `new URL()`
 * or `decodeURIComponent` cannot read (`//[::1`, `/%E0%A4%A`) must never reach code that throws.
 */
export function readRequestTarget(raw: string | undefined): RequestTarget | null {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//')) return null;
  let url: URL;
  let path: string;
  try {
    url = new URL(raw, base);
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.origin !== base || path.includes('\0')) return null;
  return { path, query: url.searchParams };
}
