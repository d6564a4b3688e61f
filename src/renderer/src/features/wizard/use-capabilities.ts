import type { DriverCapabilities } from '../../../../shared/api/drivers';
import { useCommand } from '../../api/use-command';
import { useInventory } from '../../state/inventory-store';

/** What the backend of these VMs can do (all must agree): the wizard offers only that. */
export function useCapabilities(vmIds: readonly string[]): DriverCapabilities | null {
  const inv = useInventory();
  const drivers = useCommand('drivers.list', {});
  const driverIds = new Set(vmIds.map((id) => inv.hosts.get(inv.vms.get(id)?.hostId ?? '')?.driverId).filter((d) => d !== undefined));
  const mine = (drivers.data ?? []).filter((d) => driverIds.has(d.id));
  if (mine.length === 0) return null;
  const keys = Object.keys(mine[0]?.capabilities ?? {}) as (keyof DriverCapabilities)[];
  return Object.fromEntries(keys.map((k) => [k, mine.every((d) => d.capabilities[k])])) as unknown as DriverCapabilities;
}
