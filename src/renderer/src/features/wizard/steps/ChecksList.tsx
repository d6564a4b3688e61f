import { Alert, AlertTitle, Checkbox, FormControlLabel, Stack } from '@mui/material';
import type { PrecheckCode, PrecheckResult } from '../../../../../shared/model/precheck';
import { checkHeading } from './check-heading';

/** Precheck results: errors block with their fix hint; warnings need a tick to go on. */
export function ChecksList({
  results,
  acknowledged,
  onAcknowledge,
  title,
}: {
  results: PrecheckResult[];
  acknowledged: PrecheckCode[];
  onAcknowledge(code: PrecheckCode, on: boolean): void;
  title?: string;
}) {
  if (results.length === 0) return <Alert severity="success">{title ? `${title}: ` : ''}all compatibility checks passed.</Alert>;
  return (
    <Stack spacing={1}>
      {results.map((r, i) => (
        <Alert key={`${r.code}-${i}`} severity={r.severity} data-check={r.code}>
          <AlertTitle>{checkHeading(title, r.message)}</AlertTitle>
          {r.hint}
          {r.severity === 'warning' && (
            <FormControlLabel
              sx={{ display: 'block', mt: 0.5 }}
              control={
                <Checkbox size="small" checked={acknowledged.includes(r.code)} onChange={(e) => onAcknowledge(r.code, e.target.checked)} />
              }
              label="I understand; migrate anyway"
            />
          )}
        </Alert>
      ))}
    </Stack>
  );
}
