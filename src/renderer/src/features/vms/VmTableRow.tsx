import { memo, type KeyboardEvent } from 'react';
import { formatBytes } from '../../components/format';
import type { VmRow } from './vm-rows';

interface Props {
  row: VmRow;
  index: number;
  selected: boolean;
  onSelect: (vmId: string) => void;
  onMigrate: (vmId: string) => void;
}

/** One VM of the list, styled by the table's classes (plain elements: emotion per cell would cost on every scroll). */
export const VmTableRow = memo(function VmTableRow({ row, index, selected, onSelect, onMigrate }: Props) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onSelect(row.id);
    }
  };
  return (
    <div
      className="row"
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={row.name}
      data-vm-id={row.id}
      tabIndex={0}
      onClick={() => onSelect(row.id)}
      onKeyDown={onKeyDown}
    >
      <span className="cell" role="gridcell">
        {row.name}
      </span>
      <span className="cell" role="gridcell">
        {row.hostName}
      </span>
      <span className="cell" role="gridcell">
        {row.power}
      </span>
      <span className="cell" role="gridcell">
        {formatBytes(row.memoryBytes, 0)}
      </span>
      <span className="cell" role="gridcell">
        {row.tags.map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
      </span>
      <span className="cell" role="gridcell">
        {row.missionCritical ? 'Yes' : ''}
      </span>
      <span className="cell" role="gridcell">
        {row.migrating ? 'Migrating' : ''}
      </span>
      <span className="cell" role="gridcell">
        <button
          type="button"
          className="migrate"
          aria-label={`Migrate ${row.name}…`}
          onClick={(e) => {
            e.stopPropagation();
            onMigrate(row.id);
          }}
        >
          Migrate…
        </button>
      </span>
    </div>
  );
});
