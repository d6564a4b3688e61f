import { memo } from 'react';
import { formatBytes } from '../../components/format';
import type { Vm } from '../../../../shared/model/inventory';
import type { PickKeys } from './vm-selection';
import { rowLabel } from './vm-rows';

interface Props {
  vm: Vm;
  hostName: string;
  migrating: boolean;
  index: number;
  /** Where the row sits in the list's body, in pixels. */
  top: number;
  selected: boolean;
  /** How many VMs its Migrate… moves: the whole selection when the row is part of one, else 1. */
  migrateCount: number;
  /** The grid's one Tab stop (roving tabindex): the keys act on this row. */
  active: boolean;
  onPick: (index: number, keys: PickKeys) => void;
  onMigrate: (vmId: string) => void;
}

/** One VM of the list, styled by the table's classes (plain elements: emotion per cell would cost on every scroll). */
export const VmTableRow = memo(function VmTableRow({
  vm,
  hostName,
  migrating,
  index,
  top,
  selected,
  migrateCount,
  active,
  onPick,
  onMigrate,
}: Props) {
  const migrateLabel = migrateCount > 1 ? `Migrate ${migrateCount} selected VMs…` : `Migrate ${vm.name}…`;
  return (
    <div className="slot" role="presentation" style={{ top }}>
      <div
        className="row"
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected}
        aria-label={rowLabel(vm, hostName, migrating)}
        data-vm-id={vm.id}
        tabIndex={active ? 0 : -1}
        onClick={(e) => onPick(index, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey })}
      >
        <span className="cell" role="gridcell">
          {vm.name}
        </span>
        <span className="cell" role="gridcell">
          {hostName}
        </span>
        <span className="cell" role="gridcell">
          {vm.power}
        </span>
        <span className="cell" role="gridcell">
          {formatBytes(vm.memoryBytes, 0)}
        </span>
        <span className="cell" role="gridcell" title={vm.tags.join(', ') || undefined}>
          {/* Keyed by place: a recycled row keeps its tag elements and only their text changes. */}
          {vm.tags.map((t, i) => (
            <span key={i} className="tag">
              {t}
            </span>
          ))}
        </span>
        <span className="cell" role="gridcell">
          {vm.missionCritical ? 'Yes' : ''}
        </span>
        <span className="cell" role="gridcell">
          {migrating ? 'Migrating' : ''}
        </span>
        <span className="cell" role="gridcell">
          <button
            type="button"
            className="migrate"
            // Reached with → from its row: the grid is one Tab stop, not two per row.
            tabIndex={-1}
            aria-label={migrateLabel}
            title={migrateCount > 1 ? migrateLabel : undefined}
            onClick={(e) => {
              e.stopPropagation();
              onMigrate(vm.id);
            }}
          >
            Migrate…
          </button>
        </span>
      </div>
    </div>
  );
});
