import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import type { ReactNode } from 'react';

/** A summary's name/value table: the names as row headers, so screen readers read each pair. */
export function Facts({ rows, label, maxWidth = 720 }: { rows: [string, ReactNode][]; label?: string; maxWidth?: number }) {
  return (
    <Table size="small" sx={{ maxWidth }} aria-label={label}>
      <TableBody>
        {rows.map(([name, value]) => (
          <TableRow key={name}>
            <TableCell component="th" scope="row" sx={{ width: 220, color: 'text.secondary' }}>
              {name}
            </TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
