import { Button, FormControlLabel, Stack, Switch, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { Vm } from '../../../../shared/model/inventory';
import { groupTags, tagsOf, type TagGroups } from '../../../../shared/model/vm-attributes';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

/** A list as the admin types it: words separated by commas or spaces. */
const words = (text: string): string[] => text.split(/[\s,]+/).filter((w) => w.length > 0);
const fields: [keyof TagGroups, string, string][] = [
  ['tags', 'Tags', 'Labels only'],
  ['affinity', 'Affinity groups', 'Placed near VMs of the same group'],
  ['antiAffinity', 'Anti-affinity groups', 'Kept away from VMs of the same group'],
];

/**
 * Edits what Ferry keeps about a VM on any backend: mission-critical (evacuated first, left to a
 * human by partial balancing) and tags, with affinity rules as `affinity:`/`anti-affinity:` tags.
 * The parent keys it by the saved attributes, so a change from elsewhere resets the draft.
 */
export function VmAttributesEditor({ vm }: { vm: Vm }) {
  const [missionCritical, setMissionCritical] = useState(vm.missionCritical);
  const [text, setText] = useState(() => {
    const groups = groupTags(vm.tags);
    return { tags: groups.tags.join(', '), affinity: groups.affinity.join(', '), antiAffinity: groups.antiAffinity.join(', ') };
  });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const save = () => {
    setSaving(true);
    setError(null);
    const tags = tagsOf({ tags: words(text.tags), affinity: words(text.affinity), antiAffinity: words(text.antiAffinity) });
    api
      .invoke('vms.setAttributes', { vmId: vm.id, attributes: { missionCritical, tags } })
      .catch(setError)
      .finally(() => setSaving(false));
  };
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 720, mt: 2 }} role="group" aria-label="VM attributes">
      <Typography variant="subtitle2">Attributes kept by Ferry</Typography>
      <FormControlLabel
        control={<Switch checked={missionCritical} onChange={(e) => setMissionCritical(e.target.checked)} />}
        label="Mission-critical"
      />
      {fields.map(([key, label, helperText]) => (
        <TextField
          key={key}
          size="small"
          label={label}
          helperText={helperText}
          value={text[key]}
          onChange={(e) => setText({ ...text, [key]: e.target.value })}
        />
      ))}
      {error !== null && <ErrorAlert error={error} title="Attributes not saved" />}
      <Stack direction="row">
        <Button variant="contained" size="small" onClick={save} disabled={saving}>
          Save attributes
        </Button>
      </Stack>
    </Stack>
  );
}
