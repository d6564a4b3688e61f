import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInventory } from '../../state/inventory-store';
import { formatDuration } from '../../components/format';
import { ClusterPolicyForm } from './ClusterPolicyForm';
import { useApply } from './use-apply';
import { RecommendationHistory } from './RecommendationHistory';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Balancing recommendations and host advice, per cluster, with each cluster's automation policy. */
export function RecommendationsView({ onEvacuate }: { onEvacuate(hostId: string): void }) {
  const recs = useCommand('recommendations.list', {});
  const { reload } = recs;
  const inv = useInventory();
  useEffect(() => api.on('recommendations.changed', reload), [reload]);
  const { apply, pending } = useApply(reload);

  if (recs.error) return <ErrorAlert title="Could not load the recommendations" error={recs.error} sx={{ m: 2 }} />;
  if (!recs.data) return <CircularProgress size={18} sx={{ m: 2 }} />;
  const data = recs.data;
  return (
    <Box sx={{ p: 2 }}>
      {data.advice.map((a) => (
        <Alert
          key={a.hostId}
          severity={a.kind === 'failed-host' ? 'error' : 'warning'}
          sx={{ mb: 1 }}
          action={
            a.kind === 'evacuate-degraded' ? (
              <Button color="inherit" onClick={() => onEvacuate(a.hostId)}>
                Enter maintenance…
              </Button>
            ) : undefined
          }
        >
          <AlertTitle>{a.message}</AlertTitle>
          {a.vmNames.length > 0 && `${a.kind === 'failed-host' ? 'Down' : 'Running there'}: ${a.vmNames.join(', ')}`}
        </Alert>
      ))}
      {data.clusters.map((c) => {
        const cluster = inv.clusters.find((x) => x.id === c.clusterId);
        const mine = data.balancing.filter((r) => r.clusterId === c.clusterId);
        return (
          <Card key={c.clusterId} variant="outlined" sx={{ mb: 2 }} component="section" aria-label={`Cluster ${c.clusterName}`}>
            <CardContent>
              <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'baseline', mb: 1 }}>
                <Typography variant="h6" component="h2">
                  {c.clusterName}
                </Typography>
                <Typography variant="body2" color={c.spread > c.tolerance ? 'warning.main' : 'text.secondary'}>
                  Load spread {pct(c.spread)} (tolerated: {pct(c.tolerance)})
                </Typography>
              </Stack>
              {cluster && <ClusterPolicyForm cluster={cluster} periodMs={data.balancingPeriodMs} onSaved={reload} />}
              {mine.length === 0 ? (
                <Typography sx={{ mt: 2 }} color="text.secondary">
                  Balanced: no move would help enough.
                </Typography>
              ) : (
                <>
                  <Table size="small" sx={{ mt: 2 }} aria-label={`Recommendations for ${c.clusterName}`}>
                    <TableHead>
                      <TableRow>
                        <TableCell>VM</TableCell>
                        <TableCell>From → to</TableCell>
                        <TableCell>Why</TableCell>
                        <TableCell>Spread after</TableCell>
                        <TableCell>Cost</TableCell>
                        <TableCell />
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {mine.map((r) => (
                        <TableRow key={r.id}>
                          <TableCell>{r.vmName}</TableCell>
                          <TableCell>
                            {r.fromHostName} → {r.toHostName}
                          </TableCell>
                          <TableCell>{r.reason}</TableCell>
                          <TableCell>
                            {pct(r.spreadBefore)} → {pct(r.spreadAfter)}
                          </TableCell>
                          <TableCell>
                            {formatDuration(r.predictedDurationMs)}, {r.predictedDowntimeMs} ms pause
                          </TableCell>
                          <TableCell>
                            <Button
                              size="small"
                              onClick={() => apply([r.id])}
                              disabled={pending(r.id)}
                              aria-label={`Apply: move ${r.vmName}`}
                            >
                              Apply
                            </Button>
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                  <Button
                    sx={{ mt: 1 }}
                    variant="outlined"
                    onClick={() => apply(mine.map((r) => r.id))}
                    disabled={mine.some((r) => pending(r.id))}
                  >
                    Apply all {mine.length}
                  </Button>
                </>
              )}
            </CardContent>
          </Card>
        );
      })}
      <RecommendationHistory />
    </Box>
  );
}
