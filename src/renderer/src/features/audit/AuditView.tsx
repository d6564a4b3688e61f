import { Alert, Box, Button, Stack } from '@mui/material';
import { DataGrid, type GridColDef, type GridPaginationModel, type GridSortModel } from '@mui/x-data-grid';
import { useCallback, useEffect, useState } from 'react';
import type { AuditFilter, AuditRecord, AuditSortField, AuditVerification } from '../../../../shared/model/audit';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes, formatDuration, formatTime } from '../../components/format';
import { onShowInAudit, takeAuditSearch } from '../../state/audit-focus';
import { AuditFilters } from './AuditFilters';
import { AuditScopeChip, useAuditScope } from './AuditScopeChip';
import { TaskTimelineDialog } from './TaskTimelineDialog';
import { useExport } from './use-export';

const sortable = new Set<string>(['id', 'time', 'actor', 'action', 'vmName', 'sourceHost', 'destHost', 'outcome', 'durationMs']);

/** Who moved what, when, from where to where, and how it went: paged, sorted and filtered in SQLite. */
export function AuditView() {
  const [filter, setFilter] = useState<AuditFilter>(() => {
    const text = takeAuditSearch();
    return text ? { text } : {};
  });
  // Asked again while the view is open: search for that instead.
  useEffect(
    () =>
      onShowInAudit((text) => {
        takeAuditSearch();
        setFilter({ text });
      }),
    [],
  );
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  // An operation opened from elsewhere (a maintenance) filters apart from the fields, as a chip.
  const [scope, setScope] = useAuditScope(useCallback(() => setPagination((p) => ({ ...p, page: 0 })), []));
  const queried: AuditFilter = scope ? { ...filter, operation: scope.operation } : filter;
  const [sort, setSort] = useState<GridSortModel>([{ field: 'id', sort: 'desc' }]);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  // A verify call that fails says nothing about the trail: it is not shown as a broken one.
  const [verifyFailure, setVerifyFailure] = useState<unknown>(null);
  const [timeline, setTimeline] = useState<string | null>(null);
  const runExport = useExport();
  const field = (sortable.has(sort[0]?.field ?? '') ? sort[0]?.field : 'id') as AuditSortField;
  const page = useCommand('audit.query', {
    filter: queried,
    page: pagination.page,
    pageSize: pagination.pageSize,
    sort: { field, direction: sort[0]?.sort === 'asc' ? 'asc' : 'desc' },
  });
  const { reload } = page;
  const verify = () =>
    api.invoke('audit.verify', {}).then(
      (result) => {
        setVerifyFailure(null);
        setVerification(result);
      },
      (failure: unknown) => {
        setVerification(null);
        setVerifyFailure(failure);
      },
    );
  // New records show up without a click (at most once a second).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('audit.appended', () => {
      timer ??= setTimeout(() => {
        timer = null;
        reload();
      }, 1000);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [reload]);

  const columns: GridColDef<AuditRecord>[] = [
    { field: 'id', headerName: '#', width: 70 },
    { field: 'time', headerName: 'Time', width: 170, valueFormatter: (v: string) => formatTime(v) },
    { field: 'actor', headerName: 'Actor', width: 180 },
    { field: 'action', headerName: 'Action', width: 180 },
    { field: 'vmName', headerName: 'VM', width: 150 },
    {
      field: 'taskId',
      headerName: 'Timeline',
      width: 100,
      sortable: false,
      renderCell: ({ row }) =>
        row.taskId && row.action.startsWith('migration.') ? (
          <Button size="small" onClick={() => setTimeline(row.taskId)} aria-label={`Timeline of the migration of ${row.vmName ?? ''}`}>
            Timeline
          </Button>
        ) : null,
    },
    { field: 'sourceHost', headerName: 'From', width: 120 },
    { field: 'destHost', headerName: 'To', width: 120 },
    { field: 'outcome', headerName: 'Outcome', width: 150 },
    { field: 'durationMs', headerName: 'Duration', width: 100, valueFormatter: (v: number | null) => formatDuration(v) },
    { field: 'downtimeMs', headerName: 'Downtime', width: 100, sortable: false, valueFormatter: (v: number | null) => formatDuration(v) },
    {
      field: 'bytesTransferred',
      headerName: 'Transferred',
      width: 110,
      sortable: false,
      valueFormatter: (v: number | null) => (v === null ? '—' : formatBytes(v)),
    },
    {
      field: 'errorCode',
      headerName: 'Error',
      width: 160,
      sortable: false,
      valueGetter: (_v, r) => (r.errorCode ? `${r.errorCode}: ${r.errorMessage ?? ''}` : ''),
    },
    { field: 'details', headerName: 'Details', width: 260, sortable: false },
  ];

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      {scope && <AuditScopeChip scope={scope} onClear={() => setScope(null)} />}
      <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1 }}>
          <AuditFilters
            filter={filter}
            onChange={(next) => {
              setFilter(next);
              setPagination((p) => ({ ...p, page: 0 }));
            }}
          />
        </Box>
        <Stack direction="row" spacing={1} sx={{ p: 1 }}>
          <Button variant="outlined" onClick={() => void verify()}>
            Verify
          </Button>
          <Button
            variant="contained"
            onClick={() => void runExport('audit trail', () => api.invoke('audit.exportCsv', { filter: queried }))}
          >
            Export CSV
          </Button>
        </Stack>
      </Stack>
      {verification && (
        <Alert severity={verification.ok ? 'success' : 'error'} onClose={() => setVerification(null)} sx={{ mx: 1 }} role="status">
          {verification.ok
            ? `The audit trail is intact: ${verification.checked} records verified.`
            : `The audit trail is broken at record ${verification.firstBrokenId}: ${verification.reason}`}
          {verification.head && (
            // Written down (or kept with an export), the head shows later whether newer records were cut off.
            <Box component="span" sx={{ display: 'block', fontFamily: 'monospace', wordBreak: 'break-all' }}>
              Head: record {verification.head.id}, {verification.head.hash}
            </Box>
          )}
        </Alert>
      )}
      {verifyFailure !== null && (
        <ErrorAlert
          title="Could not verify the audit trail"
          error={verifyFailure}
          onClose={() => setVerifyFailure(null)}
          sx={{ mx: 1 }}
          role="status"
        />
      )}
      {page.error && <ErrorAlert title="Could not load the audit records" error={page.error} sx={{ m: 1 }} />}
      <Box sx={{ flex: 1, minHeight: 300, p: 1 }}>
        <DataGrid
          aria-label="Audit records"
          rows={page.data?.rows ?? []}
          rowCount={page.data?.total ?? 0}
          columns={columns}
          loading={page.loading && !page.data}
          paginationMode="server"
          sortingMode="server"
          filterMode="server"
          disableColumnFilter
          paginationModel={pagination}
          onPaginationModelChange={setPagination}
          pageSizeOptions={[25, 50, 100]}
          sortModel={sort}
          onSortModelChange={setSort}
          density="compact"
          disableRowSelectionOnClick
        />
      </Box>
      {timeline && <TaskTimelineDialog taskId={timeline} onClose={() => setTimeline(null)} />}
    </Box>
  );
}
