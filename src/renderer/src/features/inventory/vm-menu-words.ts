/**
 * The names of a VM's menu items that act on it alone. With several VMs selected, "Migrate…" beside
 * "Move 4 VMs to…" read as acting on the selection too, yet opened the wizard for the right-clicked VM
 * only (new-user review 8, m4): then they name that VM.
 */
export function singleVmItems(vmName: string, selectedWithIt: number): { migrate: string; storage: string } {
  if (selectedWithIt <= 1) return { migrate: 'Migrate…', storage: 'Move storage…' };
  return { migrate: `Migrate ${vmName}…`, storage: `Move storage of ${vmName}…` };
}
