import { Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import type { SaslDraft } from './sasl-draft';

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
