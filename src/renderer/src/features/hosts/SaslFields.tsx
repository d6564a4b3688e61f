import { Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import type { SaslCredentials } from '../../../../shared/model/inventory';

/** The libvirt SASL login being typed; `enabled` says the host's libvirtd asks for one. */
export interface SaslDraft {
  enabled: boolean;
  username: string;
  password: string;
}

export const emptySasl: SaslDraft = { enabled: false, username: '', password: '' };

export function saslOf(draft: SaslDraft): SaslCredentials | undefined {
  if (!draft.enabled || !draft.username || !draft.password) return undefined;
  return { username: draft.username, password: draft.password };
}

/** A half-filled login would be dropped silently: say it is incomplete instead. */
export const saslIncomplete = (draft: SaslDraft): boolean => draft.enabled && saslOf(draft) === undefined;

/** The libvirt SASL login (besides the SSH login): for daemons whose socket says auth "sasl". */
export function SaslFields({ value, onChange, asked }: { value: SaslDraft; onChange(next: SaslDraft): void; asked?: boolean }) {
  const open = value.enabled || asked === true;
  return (
    <Stack spacing={1}>
      <FormControlLabel
        control={<Checkbox checked={open} onChange={(e) => onChange({ ...value, enabled: e.target.checked })} />}
        label="libvirtd asks for a SASL login"
      />
      {open && (
        <>
          <Typography variant="caption" color="text.secondary">
            The user and password saslpasswd2 set on the host (SCRAM-SHA-256, over a unix socket, SSH or TLS).
          </Typography>
          <Stack direction="row" spacing={1}>
            <TextField
              label="SASL username"
              autoComplete="off"
              value={value.username}
              onChange={(e) => onChange({ ...value, enabled: true, username: e.target.value })}
            />
            <TextField
              label="SASL password"
              type="password"
              autoComplete="off"
              value={value.password}
              onChange={(e) => onChange({ ...value, enabled: true, password: e.target.value })}
            />
          </Stack>
        </>
      )}
    </Stack>
  );
}
