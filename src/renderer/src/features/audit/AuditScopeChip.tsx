import CloseIcon from '@mui/icons-material/Close';
import { Chip, IconButton, Stack } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { onShowOperationInAudit, peekAuditScope, takeAuditScope, type AuditScope } from '../../state/audit-focus';

/** The operation the trail was opened on (a maintenance), from a link elsewhere; cleared by the chip. */
export function useAuditScope(onChange: () => void): [AuditScope | null, (scope: AuditScope | null) => void] {
  // Read in render, taken after the commit: the view loads on first use, and a render interrupted
  // while it appears runs again, which would find the scope already taken.
  const [scope, setScope] = useState<AuditScope | null>(() => peekAuditScope());
  useEffect(() => void takeAuditScope(), []);
  useEffect(
    () =>
      onShowOperationInAudit((next) => {
        takeAuditScope();
        setScope(next);
        onChange();
      }),
    [onChange],
  );
  return [scope, setScope];
}

/**
 * Why only some records show: "Maintenance of DC0_C1_H2, 17:29", with a button that shows the
 * whole trail again. Scrolled into sight when set, so the admin sees the filter (review2 F11).
 */
export function AuditScopeChip({ scope, onClear }: { scope: AuditScope; onClear(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [scope]);
  // The clear button sits beside the chip, not inside it: a button within a button reads badly to a screen reader.
  return (
    <Stack ref={ref} direction="row" spacing={0.5} sx={{ px: 1, pt: 1, alignItems: 'center' }}>
      <Chip
        data-testid="audit-scope"
        color="primary"
        variant="outlined"
        label={scope.label}
        title={`Records of operation ${scope.operation}`}
      />
      <IconButton size="small" aria-label="Clear this filter" onClick={onClear}>
        <CloseIcon fontSize="small" />
      </IconButton>
    </Stack>
  );
}
