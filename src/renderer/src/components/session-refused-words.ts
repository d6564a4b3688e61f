/**
 * What the console says when it no longer accepts the tab's session (the browser shell restarted
 * with a new token, or refused the cookie): Ferry is running, so the words say how to get back in,
 * the same in the status bar and under any call that failed for it.
 */
export const sessionRefusedWords = {
  title: 'Session no longer accepted',
  hint: 'Ferry is running but no longer accepts this tab (it was restarted, or refused its session): open the console again with the link its start command printed (Ferry console: http://127.0.0.1:…/?token=…).',
} as const;
