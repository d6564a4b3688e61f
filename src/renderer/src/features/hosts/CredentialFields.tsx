import { MenuItem, Stack, TextField } from '@mui/material';
import type { HostCredentials } from '../../../../shared/model/inventory';

export type Auth = 'none' | 'password' | 'key';

/** What the admin is typing: the kind of authentication and its secret. */
export interface CredentialDraft {
  auth: Auth;
  password: string;
  privateKey: string;
  passphrase: string;
}

export const emptyCredentials: CredentialDraft = { auth: 'none', password: '', privateKey: '', passphrase: '' };

export function credentialsOf(draft: CredentialDraft): HostCredentials | undefined {
  if (draft.auth === 'password') return { kind: 'password', password: draft.password };
  if (draft.auth === 'key')
    return { kind: 'key', privateKey: draft.privateKey, ...(draft.passphrase ? { passphrase: draft.passphrase } : {}) };
  return undefined;
}

/** The authentication of a libvirt host: none, an SSH password or an SSH private key. */
export function CredentialFields({
  value,
  onChange,
  ssh,
}: {
  value: CredentialDraft;
  onChange(next: CredentialDraft): void;
  ssh: boolean;
}) {
  return (
    <Stack spacing={2}>
      <TextField
        select
        label="Authentication"
        value={value.auth}
        onChange={(e) => onChange({ ...value, auth: e.target.value as Auth })}
        sx={{ width: 280 }}
      >
        <MenuItem value="none">None (unix socket, TCP, or the SSH agent's setup)</MenuItem>
        <MenuItem value="password" disabled={!ssh}>
          SSH password
        </MenuItem>
        <MenuItem value="key" disabled={!ssh}>
          SSH private key
        </MenuItem>
      </TextField>
      {value.auth === 'password' && (
        <TextField
          label="Password"
          type="password"
          autoComplete="off"
          value={value.password}
          onChange={(e) => onChange({ ...value, password: e.target.value })}
        />
      )}
      {value.auth === 'key' && (
        <>
          <TextField
            label="Private key (OpenSSH)"
            multiline
            minRows={4}
            value={value.privateKey}
            onChange={(e) => onChange({ ...value, privateKey: e.target.value })}
            slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 12 } } }}
          />
          <TextField
            label="Passphrase (if any)"
            type="password"
            autoComplete="off"
            value={value.passphrase}
            onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
          />
        </>
      )}
    </Stack>
  );
}
