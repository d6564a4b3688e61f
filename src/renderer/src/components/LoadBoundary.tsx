import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { Component, Suspense, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the admin was opening, in the message ("the Audit view", "the migration wizard"). */
  what: string;
  /** Shown over the page (a dialog's place) rather than in the view's own area. */
  floating?: boolean;
  children: ReactNode;
}

/**
 * A view or dialog whose code loads when first shown: a spinner meanwhile, and when its script
 * cannot be fetched (the console stopped, or restarted and no longer knows this tab) a message in
 * its place, instead of React unmounting the whole console into a blank page.
 */
export function LoadBoundary({ what, floating = false, children }: Props) {
  return (
    <Failed what={what} floating={floating}>
      <Suspense
        fallback={
          <Box sx={{ p: 2 }} role="status" aria-label={`Loading ${what}`}>
            <CircularProgress size={20} aria-label={`Loading ${what}`} />
          </Box>
        }
      >
        {children}
      </Suspense>
    </Failed>
  );
}

class Failed extends Component<Required<Omit<Props, 'children'>> & { children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn(`${this.props.what} could not be loaded`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const alert = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => window.location.reload()}>
            Reload the page
          </Button>
        }
      >
        {`${this.props.what[0]?.toUpperCase()}${this.props.what.slice(1)} could not be loaded: the Ferry console may have stopped or restarted. Reload the page (or open the link it printed).`}
      </Alert>
    );
    return this.props.floating ? (
      <Box sx={{ position: 'fixed', bottom: 48, left: '50%', transform: 'translateX(-50%)', zIndex: (t) => t.zIndex.snackbar }}>
        {alert}
      </Box>
    ) : (
      <Box sx={{ p: 2 }}>{alert}</Box>
    );
  }
}
