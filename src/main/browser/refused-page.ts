import type { IncomingMessage } from 'node:http';

/** A person opening a page (the browser's address bar, a reload), as against a script fetching a file. */
export const isPageRequest = (request: IncomingMessage): boolean =>
  request.method === 'GET' &&
  (request.headers['sec-fetch-dest'] === 'document' ||
    (request.headers.accept ?? '').split(',').some((t) => t.trim().startsWith('text/html')));

/**
 * What a tab the console does not know sees on reload: the likely reason and the way back in, not
 * a bare "wrong token" (each run has a new token, so an old tab reloaded after a restart lands here).
 */
export const refusedPage =
  '<!doctype html><meta charset="utf-8"><link rel="icon" type="image/svg+xml" href="/favicon.svg"><title>Ferry: open the console again</title>' +
  '<h1>This Ferry console does not know this link</h1>' +
  '<p>Ferry is running, but the link this tab was opened with is not one of this run: the console was restarted ' +
  '(each run has a new token), or the link came from another run or was mistyped.</p>' +
  '<p>Open the console again with the link its start command printed in its terminal (the line that starts with ' +
  '<code>Ferry console: http://127.0.0.1:</code>).</p>\n';
