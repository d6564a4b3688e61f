import { Box } from '@mui/material';
import { visuallyHidden } from '../../components/visually-hidden';
import { useInventorySelector } from '../../state/inventory-store';
import { useSelection, type Selection } from '../../state/selection';
import { compareNames } from '../../../../shared/model/names';

/** Says what a multi-selection holds, by name, to screen readers (a single item is announced by the tree itself). */
export function SelectionAnnouncer() {
  // Names only: host metrics (every 2 s) change none.
  const vms = useInventorySelector((s) => s.vms);
  const hostNames = useInventorySelector((s) => s.hostNames);
  const clusters = useInventorySelector((s) => s.clusters);
  const datacenters = useInventorySelector((s) => s.datacenters);
  const { selected } = useSelection();
  const name = (s: Selection) =>
    s.kind === 'vm'
      ? vms.get(s.id)?.name
      : s.kind === 'host'
        ? hostNames.get(s.id)
        : s.kind === 'cluster'
          ? clusters.find((c) => c.id === s.id)?.name
          : datacenters.find((d) => d.id === s.id)?.name;
  const names = selected
    .map(name)
    .filter((n): n is string => Boolean(n))
    .sort(compareNames);
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return (
    <Box aria-live="polite" sx={visuallyHidden} data-testid="selection-announcer">
      {names.length > 1 ? `${names.length} selected: ${shown}` : ''}
    </Box>
  );
}
