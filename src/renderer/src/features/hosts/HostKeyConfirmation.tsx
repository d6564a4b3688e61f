// Trust on first use, asked the way ssh asks it: the test met an SSH host key nothing vouches for
// (not in known_hosts, not pinned) and sent nothing to that host. The admin compares the
// fingerprint with the host's own and confirms it; the wizard then tests again with it pinned.

import { Button, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { HostKeyErrorDetails } from '../../../../shared/model/inventory';

export function HostKeyConfirmation({
  unknown,
  busy,
  onConfirm,
}: {
  unknown: HostKeyErrorDetails;
  busy: boolean;
  onConfirm(fingerprint: string): void;
}) {
  const [checked, setChecked] = useState(false);
  return (
    <Stack spacing={1}>
      <Typography variant="body2">
        {unknown.endpoint} showed the SSH host key {unknown.seen}, which known_hosts does not list; nothing was sent to it. Compare it with
        the host&apos;s own key (on the host: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub).
      </Typography>
      <FormControlLabel
        control={<Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)} />}
        label={`It matches: trust ${unknown.seen} for this host`}
      />
      <Stack direction="row">
        <Button variant="outlined" disabled={!checked || busy} onClick={() => onConfirm(unknown.seen)}>
          Trust and test again
        </Button>
      </Stack>
    </Stack>
  );
}
