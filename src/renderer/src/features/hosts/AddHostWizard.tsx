import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  MenuItem,
  Stack,
  Step,
  StepLabel,
  Stepper,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { HostConnectionInput, HostTestResult } from '../../../../shared/model/inventory';
import { hasUriPassword, isLocalSocketUri, isTlsUri, libvirtUriShape, PASSWORD_IN_URI_MESSAGE } from '../../../../shared/model/libvirt-uri';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes } from '../../components/format';
import { CredentialFields, credentialsOf, emptyCredentials, type CredentialDraft } from './CredentialFields';
import { HostKeyConfirmation } from './HostKeyConfirmation';
import { SaslFields } from './SaslFields';
import { emptySasl, saslAskedBy, saslIncomplete, saslOf, type SaslDraft } from './sasl-draft';
import { TlsCertificateField } from './TlsCertificateField';
import { unknownHostKeyOf } from './unknown-host-key';
import { counted } from '../../components/plural';

const steps = ['Connection', 'Credentials', 'Test', 'Add'];

/** Adding a libvirt host: URI, credentials, a test connection that shows what was found (and the SSH key to trust), then add. */
export function AddHostWizard({ onAdded }: { onAdded(): void }) {
  const [step, setStep] = useState(0);
  const [input, setInput] = useState<HostConnectionInput>({ uri: '', clusterName: 'Cluster 1' });
  const [draft, setDraft] = useState<CredentialDraft>(emptyCredentials);
  const [sasl, setSasl] = useState<SaslDraft>(emptySasl);
  const [pools, setPools] = useState('');
  const [found, setFound] = useState<HostTestResult | null>(null);
  // The SSH host key the admin confirmed for this URI (trust on first use); hosts.add keeps it with the host.
  const [confirmedKey, setConfirmedKey] = useState<{ uri: string; fingerprint: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ssh = input.uri.startsWith('qemu+ssh');
  // A local socket names no address the other hosts' libvirtd can dial: ask for one.
  const localSocket = isLocalSocketUri(input.uri);
  const migrationUriMissing = localSocket && !input.migrationUri;
  // Said at the field, as for the host's URI: a password there would be kept with the host.
  const migrationUriPassword = input.migrationUri !== undefined && hasUriPassword(input.migrationUri);
  // A scheme Ferry cannot reach is refused as typed, with what to use instead.
  const shape = input.uri.length >= 8 ? libvirtUriShape(input.uri) : null;
  const uriRefusal = shape && !shape.ok ? shape.message : null;

  const payload = (): HostConnectionInput => {
    const c = credentialsOf(draft);
    const login = saslOf(sasl);
    const shared = pools
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    return {
      ...input,
      ...(c ? { credentials: c } : {}),
      ...(login ? { sasl: login } : {}),
      ...(shared.length ? { sharedPools: shared } : {}),
      ...(confirmedKey?.uri === input.uri ? { hostKeySha256: confirmedKey.fingerprint } : {}),
    };
  };
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const test = (pin?: string) =>
    run(async () => {
      setFound(await api.invoke('hosts.testConnection', { ...payload(), ...(pin ? { hostKeySha256: pin } : {}) }));
      setStep(2);
    });
  const unknownKey = unknownHostKeyOf(failure);
  // The test met a daemon that wants a SASL login: open the fields for it.
  const saslAsked = saslAskedBy(failure);
  const confirmKey = (fingerprint: string) => {
    setConfirmedKey({ uri: input.uri, fingerprint });
    void test(fingerprint);
  };
  const add = () =>
    run(async () => {
      await api.invoke('hosts.add', payload());
      setStep(3);
      onAdded();
    });

  return (
    <Box>
      <Stepper activeStep={step} sx={{ mb: 2 }}>
        {steps.map((s) => (
          <Step key={s}>
            <StepLabel>{s}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {step === 0 && (
        <Stack spacing={2}>
          <TextField
            label="libvirt URI"
            placeholder="qemu+ssh://root@host.example/system"
            value={input.uri}
            onChange={(e) => setInput({ ...input, uri: e.target.value.trim() })}
            error={uriRefusal !== null}
            helperText={
              uriRefusal ??
              'qemu+ssh://user@host/system, qemu+tls://host/system, qemu+tcp://host/system or qemu+unix:///system?socket=/path'
            }
          />
          {isTlsUri(input.uri) && (
            <TlsCertificateField
              value={input.pkiDir ?? ''}
              onChange={(dir) => setInput({ ...input, ...(dir ? { pkiDir: dir } : { pkiDir: undefined }) })}
            />
          )}
          <Stack direction="row" spacing={1}>
            <TextField label="Cluster" value={input.clusterName} onChange={(e) => setInput({ ...input, clusterName: e.target.value })} />
            <TextField
              label="Display name (optional)"
              value={input.name ?? ''}
              onChange={(e) => setInput({ ...input, ...(e.target.value ? { name: e.target.value } : { name: undefined }) })}
            />
          </Stack>
          <TextField
            label={localSocket ? 'Migration URI the other hosts dial' : 'Migration URI the other hosts dial (optional)'}
            required={localSocket}
            error={migrationUriMissing || migrationUriPassword}
            value={input.migrationUri ?? ''}
            onChange={(e) => setInput({ ...input, ...(e.target.value ? { migrationUri: e.target.value } : { migrationUri: undefined }) })}
            helperText={
              migrationUriPassword
                ? `Migration URI: ${PASSWORD_IN_URI_MESSAGE}`
                : localSocket
                  ? 'This URI is a local socket: no other host can dial it, so a guest could never migrate here. Give the address their libvirtd dials instead, e.g. qemu+tcp://10.0.0.12/system'
                  : 'Default: derived from the URI above; e.g. qemu+tcp://10.0.0.12/system'
            }
          />
          <Stack direction="row" spacing={1}>
            <TextField
              select
              label="Virtualization"
              value={input.virtType ?? ''}
              onChange={(e) =>
                setInput({ ...input, ...(e.target.value ? { virtType: e.target.value as 'kvm' | 'qemu' } : { virtType: undefined }) })
              }
              sx={{ width: 220 }}
            >
              <MenuItem value="">Automatic (KVM when offered)</MenuItem>
              <MenuItem value="kvm">KVM</MenuItem>
              <MenuItem value="qemu">QEMU (TCG)</MenuItem>
            </TextField>
            <TextField
              label="Migration link, Gb/s (optional)"
              type="number"
              value={input.migrationBandwidthBps ? (input.migrationBandwidthBps * 8) / 1e9 : ''}
              onChange={(e) => {
                const gbps = Number(e.target.value);
                setInput({ ...input, migrationBandwidthBps: e.target.value && gbps > 0 ? (gbps * 1e9) / 8 : undefined });
              }}
              sx={{ width: 200 }}
              helperText="Default 10; migrations between hosts then teach Ferry the real speed"
            />
            <TextField
              label="Shared directory pools (comma-separated)"
              value={pools}
              onChange={(e) => setPools(e.target.value)}
              sx={{ flex: 1 }}
              helperText="Pools that are the same storage on every host (libvirt cannot tell for directories)"
            />
          </Stack>
          <FormControlLabel
            control={
              <Checkbox
                checked={input.agentBootId ?? false}
                onChange={(e) => setInput({ ...input, ...(e.target.checked ? { agentBootId: true } : { agentBootId: undefined }) })}
              />
            }
            label="Prove the same boot through the guest agent (reads the guest's boot id with raw agent commands: libvirt then marks the domain tainted)"
          />
          <Box>
            <Button
              variant="contained"
              disabled={input.uri.length < 8 || uriRefusal !== null || !input.clusterName || migrationUriMissing || migrationUriPassword}
              onClick={() => setStep(1)}
            >
              Next
            </Button>
          </Box>
        </Stack>
      )}
      {step === 1 && (
        <Stack spacing={2}>
          <CredentialFields value={draft} onChange={setDraft} ssh={ssh} />
          <SaslFields value={sasl} onChange={setSasl} asked={saslAsked} />
          <Typography variant="caption" color="text.secondary">
            Credentials are sealed at rest (the OS keychain in the desktop app, a key file beside the database in the browser console) and
            never logged, audited or exported.
          </Typography>
          <Stack direction="row" spacing={1}>
            <Button onClick={() => setStep(0)}>Back</Button>
            <Button variant="contained" disabled={busy || saslIncomplete(sasl)} onClick={() => void test()}>
              Test connection
            </Button>
          </Stack>
          {unknownKey && <HostKeyConfirmation key={unknownKey.seen} unknown={unknownKey} busy={busy} onConfirm={confirmKey} />}
        </Stack>
      )}
      {step === 2 && found && (
        <Stack spacing={1}>
          <Alert severity="success">
            Connected to {found.hostname} ({found.hostUuid}).
          </Alert>
          <Typography variant="body2">
            {found.cpu.modelName} ({found.cpu.vendor}), {counted(found.cpu.cores, 'core')}, {formatBytes(found.memoryBytes)};{' '}
            {counted(found.domains, 'VM')}; pools {found.pools.join(', ') || 'none'}; networks {found.networks.join(', ') || 'none'}.
          </Typography>
          {found.hostKeySha256 && (
            <Typography variant="body2">
              SSH host key SHA256:{found.hostKeySha256}:{' '}
              {found.hostKeyTrust === 'pinned' ? 'confirmed by you; Ferry keeps it with the host' : 'as known_hosts lists it'}.
            </Typography>
          )}
          <Stack direction="row" spacing={1}>
            <Button onClick={() => setStep(1)}>Back</Button>
            <Button variant="contained" disabled={busy} onClick={() => void add()}>
              Add host
            </Button>
          </Stack>
        </Stack>
      )}
      {step === 3 && <Alert severity="success">Added. The host appears in the inventory under its cluster.</Alert>}
      {failure !== null && <ErrorAlert error={failure} sx={{ mt: 2 }} />}
    </Box>
  );
}
