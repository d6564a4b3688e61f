import { Alert, Box, Button, Stack } from '@mui/material';
import { useState } from 'react';
import type { HostConnection } from '../../../../shared/model/inventory';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CredentialFields, credentialsOf, emptyCredentials, type CredentialDraft } from './CredentialFields';
import { SaslFields } from './SaslFields';
import { emptySasl, saslIncomplete, saslOf, type SaslDraft } from './sasl-draft';

/** A saved host whose sealed credentials this console cannot open: say so, and take them again. */
export function ReenterCredentials({ connection, onSaved }: { connection: HostConnection; onSaved(): void }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<CredentialDraft>({ ...emptyCredentials, auth: connection.auth });
  const [sasl, setSasl] = useState<SaslDraft>({ ...emptySasl, enabled: connection.saslLogin });
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const credentials = credentialsOf(draft);
    const login = saslOf(sasl);
    if (!credentials && !login) return;
    setBusy(true);
    setFailure(null);
    try {
      await api.invoke('hosts.updateCredentials', {
        connectionId: connection.id,
        ...(credentials ? { credentials } : {}),
        ...(login ? { sasl: login } : {}),
      });
      setOpen(false);
      onSaved();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ mt: 1 }}>
      <Alert
        severity="warning"
        action={
          !open && (
            <Button color="inherit" size="small" onClick={() => setOpen(true)}>
              Re-enter
            </Button>
          )
        }
      >
        {connection.name}: {connection.statusDetail ?? 'credentials unavailable; re-enter them.'}
      </Alert>
      {open && (
        <Stack spacing={1} sx={{ mt: 1 }} role="group" aria-label={`New credentials for ${connection.name}`}>
          <CredentialFields value={draft} onChange={setDraft} ssh={connection.uri.startsWith('qemu+ssh')} />
          <SaslFields value={sasl} onChange={setSasl} />
          {failure !== null && <ErrorAlert title={`Could not reconnect ${connection.name}`} error={failure} />}
          <Stack direction="row" spacing={1}>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button
              variant="contained"
              disabled={busy || saslIncomplete(sasl) || (!credentialsOf(draft) && !saslOf(sasl))}
              onClick={() => void save()}
            >
              Save and reconnect
            </Button>
          </Stack>
        </Stack>
      )}
    </Box>
  );
}
