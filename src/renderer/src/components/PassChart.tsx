import { LineChart } from '@mui/x-charts/LineChart';
import type { TimelinePoint } from '../../../shared/model/migration';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Remaining memory and dirty rate per pre-copy pass of one migration. */
export function PassChart({ points }: { points: TimelinePoint[] }) {
  return (
    <LineChart
      height={220}
      skipAnimation
      xAxis={[{ data: points.map((p) => p.iteration), label: 'pass', scaleType: 'point' }]}
      yAxis={[
        { id: 'gib', label: 'GiB', width: 'auto', min: 0, valueFormatter: (v: number) => v.toFixed(v < 10 ? 1 : 0) },
        { id: 'mibs', label: 'MiB/s', position: 'right', width: 'auto', min: 0, valueFormatter: (v: number) => v.toFixed(0) },
      ]}
      series={[
        { data: points.map((p) => p.memoryRemainingBytes / GiB), label: 'remaining (GiB)', yAxisId: 'gib' },
        { data: points.map((p) => p.dirtyRateBps / MiB), label: 'dirty rate (MiB/s)', yAxisId: 'mibs' },
      ]}
    />
  );
}
