import { Alert, Box, Button } from '@mui/material';
import { DataGrid, type GridPaginationModel, type GridSortModel } from '@mui/x-data-grid';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditFilter, AuditSortField, AuditVerification } from '../../../../shared/model/audit';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFittedColumns } from '../../components/use-fitted-columns';
import { auditColumns, auditGiveWay } from './audit-columns';
import { AuditFilters } from './AuditFilters';
import { AuditScopeChip, useAuditScope } from './AuditScopeChip';
import type { AuditScope } from '../../state/audit-focus';
import { TaskTimelineDialog } from './TaskTimelineDialog';
import { useExport } from './use-export';
import { isBooleanRecord, usePersistedState } from '../../state/persisted';

/** No column chosen yet: the grid fits them to its width. */
const noChoice = {};

const sortable = new Set<string>(['id', 'time', 'actor', 'action', 'vmName', 'sourceHost', 'destHost', 'outcome', 'durationMs']);

/** Who moved what, when, from where to where, and how it went: paged, sorted and filtered in SQLite. */
export function AuditView() {
  const [filter, setFilter] = useState<AuditFilter>({});
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

  // A record's Operation cell scopes the trail as a link from elsewhere does: under the chip, from the first page,
  // the whole operation (a search that found the record would else hide the rest of it: new-user review 12, 7).
  const showOperation = useCallback(
    (next: AuditScope) => {
      setScope(next);
      setFilter({});
      setPagination((p) => ({ ...p, page: 0 }));
    },
    [setScope],
  );
  const columns = useMemo(() => auditColumns(setTimeline, showOperation), [showOperation]);
  const rows = page.data?.rows ?? [];
  // Compact rows (36 px) under the header, and the pager.
  const { container: gridParent, grid: fittedGrid } = useFittedColumns(
    columns,
    auditGiveWay,
    usePersistedState('audit.columns', noChoice, isBooleanRecord),
    40 + rows.length * 36 + 52,
  );

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      {scope && <AuditScopeChip scope={scope} onClear={() => setScope(null)} />}
      <AuditFilters
        filter={filter}
        onChange={(next) => {
          setFilter(next);
          setPagination((p) => ({ ...p, page: 0 }));
        }}
        actions={
          <>
            <Button variant="outlined" onClick={() => void verify()}>
              Verify
            </Button>
            <Button
              variant="contained"
              onClick={() => void runExport('audit trail', () => api.invoke('audit.exportCsv', { filter: queried }))}
            >
              Export CSV
            </Button>
          </>
        }
      />
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
      {/* Header, two records and the pager at least: 300 pushed the pager under Recent tasks with More filters open at 1024×768. */}
      <Box ref={gridParent} sx={{ flex: 1, minHeight: 180, p: 1 }}>
        <DataGrid
          aria-label="Audit records"
          {...fittedGrid}
          rows={rows}
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
          // The last shown column changes with the width: its header's menu button and separator would stick out past the grid.
          // Cells and headers have 6 px of padding a side, as in the task grids: the widths of audit-columns count it.
          // An outcome, an action, an operation or an actor in words wraps rather than be cut ("Completed with problems"),
          // in 12 px as the task grids' states: two lines fit the compact row, past them an ellipsis (the whole in a title).
          sx={{
            '& .MuiDataGrid-columnHeader--last': { overflow: 'hidden' },
            '& .MuiDataGrid-cell[data-field], & .MuiDataGrid-columnHeader[data-field]': { px: '6px' },
            '& .MuiDataGrid-cell:is([data-field="outcome"], [data-field="action"], [data-field="operation"], [data-field="actor"])': {
              display: 'flex',
              alignItems: 'center',
              whiteSpace: 'normal',
              lineHeight: '13px',
              fontSize: 12,
            },
            '& .MuiDataGrid-cell[data-field="vmName"]': { display: 'flex', alignItems: 'center', whiteSpace: 'normal', lineHeight: '15px' },
            '& .two-lines': { display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: 2, overflow: 'hidden' },
            '& .two-lines.name': { overflowWrap: 'anywhere' },
          }}
        />
      </Box>
      {timeline && <TaskTimelineDialog taskId={timeline} onClose={() => setTimeline(null)} />}
    </Box>
  );
}
