import { movedAs } from '../../../../../shared/model/moved-as';
import { formatBytes, formatRate } from '../../../components/format';
import { agrees } from '../../../components/plural';
import type { Datastore, Vm } from '../../../../../shared/model/inventory';
import { listed, queuedWords } from '../batch-words';
import { datastoreOf, type WizardState } from '../wizard-state';
import { scheduleWords } from './schedule-words';

/** What the consequences read of the inventory (not the store itself, so they stay a pure function). */
export interface ConsequenceInventory {
  vms: ReadonlyMap<string, Vm>;
  datastores: readonly Datastore[];
}

/** The powered-off guests among those that go: "1 of the 3 guests is powered off: it moves cold, …". */
function poweredOffWords(off: number, going: number): string {
  const who = off === going ? agrees(off, 'The guest is', 'The guests are') : `${off} of the ${going} guests ${agrees(off, 'is', 'are')}`;
  return `${who} powered off: ${agrees(off, 'it moves', 'they move')} cold, re-registered on the destination and left off; none of ${agrees(off, 'its', 'their')} memory moves and nothing pauses.`;
}

/**
 * The chosen options spelled out as consequences an admin can weigh before finishing, for the VMs
 * that go: `leftOut` holds those that will not move (counted among them, "1 of the 4 guests are
 * powered off" read of a batch of 3: new-user review).
 */
export function consequences(state: WizardState, inv: ConsequenceInventory, leftOut: ReadonlySet<string> = new Set()): string[] {
  const vms = state.vmIds
    .filter((id) => !leftOut.has(id))
    .map((id) => inv.vms.get(id))
    .filter((v) => v !== undefined);
  const lines: string[] = [];
  const policy = state.options.convergence;
  // The VMs whose disks are copied: not those already on their chosen store, which move compute only.
  const copying = vms.filter((v) => movedAs(v.disks, { type: state.type, destDatastoreId: datastoreOf(state, v.id) }).type !== 'compute');
  const disks = copying.reduce((s, v) => s + v.disks.reduce((d, x) => d + x.allocatedBytes, 0), 0);
  // Each VM's own datastore or the batch's: "to DS1", "to DS1 and DS2".
  const storeNameOf = (vmId: string) => inv.datastores.find((d) => d.id === datastoreOf(state, vmId))?.name ?? 'the chosen datastore';
  const store = listed([...new Set(copying.map((v) => storeNameOf(v.id)))]) || 'the chosen datastore';
  if (copying.length > 0)
    lines.push(
      `${formatBytes(disks)} of disk data is copied to ${store} while the guests run; their writes are mirrored until the switch.`,
    );
  const off = vms.filter((v) => v.power === 'off').length;
  if (state.type !== 'storage' && off > 0) lines.push(poweredOffWords(off, vms.length));
  // The live-migration terms concern running guests only.
  if (state.type !== 'storage' && off < vms.length) {
    lines.push(
      `Each guest pauses once, for at most ${policy.maxDowntimeMs} ms (the limit; its predicted pause is in the table above); if the copy does not converge Ferry raises that limit step by step up to ${policy.downtimeRampMaxMs} ms.`,
    );
    lines.push(
      policy.autoConverge
        ? 'If the copy still lags, auto-converge slows the guest vCPUs until it catches up: busy guests run slower for a while.'
        : 'Auto-converge is off: a guest that dirties memory faster than the link is never slowed down.',
    );
    lines.push(
      policy.allowPostCopy
        ? 'As a last resort post-copy switches the guest over early and pulls the rest of its memory over the network: from then on there is no way back, and if a host or the link fails before it ends, the guest stops with its state split between both hosts (Ferry resumes it when both survive).'
        : 'Post-copy is off: a migration that cannot converge is rolled back after the time limit.',
    );
    lines.push('Each VM keeps its MAC and IP address; open connections survive the switch.');
    lines.push(
      state.options.encryptStream === true
        ? "The memory (and disk) stream is encrypted with TLS between the hosts' QEMUs: a host without QEMU's TLS certificates refuses the move before anything is copied."
        : 'The migration stream is not encrypted: keep the migration network private, or turn on TLS.',
    );
  }
  lines.push(
    `The copy gives up after ${policy.completionTimeoutSecPerGiB} s per GiB of memory, or after ${policy.progressTimeoutSec} s without progress, and rolls back: the VM keeps running where it was.`,
  );
  if (state.options.bandwidthLimitBps !== null)
    lines.push(
      `Bandwidth is capped at ${formatRate(state.options.bandwidthLimitBps)} per migration: gentler on the network, longer to finish.`,
    );
  if (state.priority === 'high')
    lines.push(
      'High priority: it starts before default and low migrations and waits for half of each migration link rather than share a crowded one.',
    );
  if (state.priority === 'low') lines.push('Low priority: it waits while any high-priority migration is waiting.');
  const scheduled = scheduleWords(state);
  if (scheduled) lines.push(scheduled);
  if (state.schedule.kind === 'now') lines.push(queuedWords(state.vmIds.length - leftOut.size));
  return lines;
}
