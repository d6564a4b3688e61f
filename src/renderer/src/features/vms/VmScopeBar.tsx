import { Button, Stack, Typography } from '@mui/material';
import { formatCount } from '../../components/format';

interface Props {
  /** "host esx-12", as vmScopeOf names it. */
  label: string;
  /** VMs in the scope and in the whole inventory. */
  inScope: number;
  total: number;
  onShowAll: () => void;
}

/** Says which part of the inventory the list shows (the tree's datacenter, cluster or host), with the way back to all of it. */
export function VmScopeBar({ label, inScope, total, onShowAll }: Props) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography variant="subtitle2" component="h2" data-testid="vm-list-scope">
        {`VMs on ${label} · ${formatCount(inScope)} of ${formatCount(total)}`}
      </Typography>
      <Button size="small" onClick={onShowAll}>
        Show all VMs
      </Button>
    </Stack>
  );
}
