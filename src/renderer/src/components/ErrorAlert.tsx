import { Alert, AlertTitle, Box, type AlertProps } from '@mui/material';
import { describeError } from './describe-error';

const shownItems = 8;

export type ErrorAlertProps = Omit<AlertProps, 'children' | 'title'> & {
  error: unknown;
  /** What the user was doing ("Could not remove h1"); without it the title names the kind of error. */
  title?: string;
};

/**
 * The one way the console shows a failure: a title, the code with the message (the code is what
 * an admin quotes, as in the audit trail), the issues or checks behind it, and what to do.
 */
export function ErrorAlert({ error, title, severity = 'error', ...alert }: ErrorAlertProps) {
  const description = describeError(error);
  const more = description.items.length - shownItems;
  return (
    <Alert severity={severity} {...alert}>
      <AlertTitle>{title ?? description.title}</AlertTitle>
      <Box>
        {description.code && (
          <>
            <Box component="code" sx={{ fontFamily: 'monospace' }}>
              {description.code}
            </Box>
            :{' '}
          </>
        )}
        {description.body}
      </Box>
      {description.items.length > 0 && (
        <Box component="ul" sx={{ my: 0.5, pl: 2.5 }}>
          {description.items.slice(0, shownItems).map((item) => (
            <li key={item}>{item}</li>
          ))}
          {more > 0 && <li>and {more} more</li>}
        </Box>
      )}
      {description.hint && <Box sx={{ mt: 0.5 }}>{description.hint}</Box>}
    </Alert>
  );
}
