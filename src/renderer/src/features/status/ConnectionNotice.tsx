import { Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { ConnectionState } from '../../../../shared/api/bridge';
import { onConnectionState } from '../../api/client';
import { sessionRefusedWords } from '../../components/session-refused-words';

/** What the status bar says while the browser shell's link to the console is down; nothing when it is up. */
export function connectionWords(state: ConnectionState): string | null {
  if (state === 'offline') return 'Reconnecting to Ferry… What you see may be out of date.';
  if (state === 'session-refused') return sessionRefusedWords.hint;
  return null;
}

/** Inside the status bar's polite live region: announced when it appears, gone once back online. */
export function ConnectionNotice() {
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => onConnectionState(setState), []);
  const words = connectionWords(state);
  if (!words) return null;
  return (
    // One line, cut short when the bar is narrow and whole in its tooltip.
    <Typography
      variant="caption"
      color={state === 'offline' ? 'warning.main' : 'error.main'}
      data-testid="connection-notice"
      className="connection-notice"
      noWrap
      title={words}
    >
      {words}
    </Typography>
  );
}
