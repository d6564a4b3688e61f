import { Alert, AlertTitle, Box, type AlertProps } from '@mui/material';
import { describeError } from './describe-error';

const shownItems = 8;

export type ErrorAlertProps = Omit<AlertProps, 'children' | 'title'> & {
  error: unknown;
  /** What the user was doing ("Could not remove h1"); without it the title names the kind of error. */
  title?: string;
};

/**
 * The one way the console shows a failure: a title, the message, the issues or checks behind it,
 * what to do, and last the code as a reference (what an admin quotes, as in the audit trail).
 */
export function ErrorAlert({ error, title, severity = 'error', ...alert }: ErrorAlertProps) {
  const description = describeError(error);
  const more = description.items.length - shownItems;
  return (
    <Alert severity={severity} {...alert}>
      <AlertTitle>{title ?? description.title}</AlertTitle>
      <Box>{description.body}</Box>
      {description.items.length > 0 && (
        <Box component="ul" sx={{ my: 0.5, pl: 2.5 }}>
          {description.items.slice(0, shownItems).map((item) => (
            <li key={item}>{item}</li>
          ))}
          {more > 0 && <li>and {more} more</li>}
        </Box>
      )}
      {description.hint && <Box sx={{ mt: 0.5 }}>{description.hint}</Box>}
      {/* The code is what an admin quotes (as in the audit trail): kept, as a reference after the words. */}
      {description.code && (
        <Box sx={{ mt: 0.5, fontSize: 12 }}>
          Reference:{' '}
          <Box component="code" sx={{ fontFamily: 'monospace' }}>
            {description.code}
          </Box>
        </Box>
      )}
    </Alert>
  );
}
