import CircleIcon from '@mui/icons-material/Circle';
import DnsIcon from '@mui/icons-material/Dns';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import PowerOffIcon from '@mui/icons-material/PowerSettingsNew';
import SyncAltIcon from '@mui/icons-material/SyncAlt';
import { Box, Chip, LinearProgress, Tooltip, Typography } from '@mui/material';
import { memo } from 'react';
import type { Host, Vm } from '../../../../shared/model/inventory';
import { formatBytes, formatPercent } from '../../components/format';
import { cpuUsageOf, memoryUsedOf } from '../../state/host-usage';
import { useInventorySelector } from '../../state/inventory-store';
import { maintenanceBadge, useMaintenanceStage } from '../../state/maintenance-store';

const healthColor = (host: Host): 'success' | 'warning' | 'error' | 'disabled' =>
  host.connection !== 'connected' || host.health === 'failed'
    ? 'error'
    : host.health === 'degraded'
      ? 'warning'
      : host.health === 'ok'
        ? 'success'
        : 'disabled';

function UsageBar({ label, value }: { label: string; value: number }) {
  return (
    <Tooltip title={`${label} ${formatPercent(value)}`}>
      <Box sx={{ width: 36 }}>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, value * 100)}
          color={value > 0.85 ? 'error' : value > 0.65 ? 'warning' : 'primary'}
          sx={{ height: 5, borderRadius: 1 }}
        />
      </Box>
    </Tooltip>
  );
}

/** The accessible name is the host's name alone; the gauges beside it are hidden from it. */
export const HostLabel = memo(function HostLabel({ host }: { host: Host }) {
  const usage = useInventorySelector((s) => s.usage);
  const memory = host.memoryBytes > 0 ? memoryUsedOf(host, usage) / host.memoryBytes : 0;
  // The panel's and the status bar's stage, so a stuck maintenance reads the same everywhere (review 5, finding 21).
  const badge = maintenanceBadge(useMaintenanceStage(host));
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, minWidth: 0 }}>
      <DnsIcon fontSize="small" color={healthColor(host)} aria-hidden />
      <Typography variant="body2" noWrap sx={{ flex: 1, minWidth: 0 }}>
        {host.name}
      </Typography>
      <Box aria-hidden sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        {badge && <Chip size="small" color="warning" data-testid="maintenance-badge" label={badge} sx={{ height: 18, fontSize: 10 }} />}
        <UsageBar label="CPU" value={cpuUsageOf(host, usage)} />
        <UsageBar label="Memory" value={memory} />
      </Box>
    </Box>
  );
});

const powerIcons = {
  running: <PlayCircleIcon fontSize="small" color="success" aria-hidden />,
  paused: <PauseCircleIcon fontSize="small" color="warning" aria-hidden />,
  off: <PowerOffIcon fontSize="small" color="disabled" aria-hidden />,
  unknown: <CircleIcon fontSize="small" color="disabled" aria-hidden />,
};

export const VmLabel = memo(function VmLabel({ vm, migrating }: { vm: Vm; migrating: boolean }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, minWidth: 0 }}>
      {powerIcons[vm.power]}
      <Typography variant="body2" noWrap sx={{ flex: 1, minWidth: 0 }}>
        {vm.name}
      </Typography>
      <Box aria-hidden sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'text.secondary' }}>
        {migrating && <SyncAltIcon fontSize="small" color="primary" titleAccess="migrating" />}
        <Typography variant="caption">{formatBytes(vm.memoryBytes, 0)}</Typography>
      </Box>
    </Box>
  );
});
