// Where a VM's domains are: asked of every connected host by UUID. A host that cannot be asked
// but last reported the VM, or that a journaled job of the VM names (its source or destination,
// even before Ferry read it once since start), makes the answer unknowable: an error, not "nowhere".

import { DriverError, type CopyState, type VmPlacement } from '../../driver';
import { isNotFound, toDriverError } from '../hosts/error-mapping';
import { powerOf } from '../inventory/host-inventory';
import type { HostRegistry } from '../hosts/host-registry';
import {
  domainGetState,
  domainLookupByUuid,
  pausedReasonFromNumber,
  runningReasonFromNumber,
  type DomainRef,
  type DomainStateInfo,
  type LibvirtClient,
} from '../rpc';

/** The domain with this UUID on a host, or null when the host has none. */
export async function findDomain(client: LibvirtClient, uuid: string): Promise<DomainRef | null> {
  try {
    return await domainLookupByUuid(client, uuid);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw toDriverError(error, `look up VM ${uuid}`);
  }
}

/**
 * `involved`: hosts a journaled job of this VM names; each must be asked. The connected hosts are
 * asked at once: one after the other, each host's two round trips added up (a verify of a move
 * between two of three hosts waited for all six).
 */
export async function locateVm(registry: HostRegistry, vmId: string, involved: ReadonlySet<string> = new Set()): Promise<VmPlacement[]> {
  const byHost = registry.byHost();
  for (const hostId of involved) {
    if (!byHost.has(hostId))
      throw new DriverError(
        'HOST_UNREACHABLE',
        `${hostId}, named by a migration of VM ${vmId}, has not answered yet: where it runs is unknown`,
      );
  }
  const asked: Promise<VmPlacement | null>[] = [];
  for (const [hostId, connection] of byHost) {
    if (connection.state !== 'connected' || !connection.session) {
      const lastKnown = registry.snapshots.get(hostId);
      if (lastKnown?.domains.some((d) => d.def.uuid === vmId)) {
        throw new DriverError('HOST_UNREACHABLE', `${connection.label} is unreachable and last had VM ${vmId}: where it runs is unknown`);
      }
      if (involved.has(hostId))
        throw new DriverError(
          'HOST_UNREACHABLE',
          `${connection.label} is unreachable and a migration of VM ${vmId} involves it: where it runs is unknown`,
        );
      continue;
    }
    asked.push(placementOn(connection.session.client, hostId, vmId));
  }
  return (await Promise.all(asked)).filter((p): p is VmPlacement => p !== null);
}

/** The VM's domain on one host, or null when it has none (or it vanished while asked). */
async function placementOn(client: LibvirtClient, hostId: string, vmId: string): Promise<VmPlacement | null> {
  const dom = await findDomain(client, vmId);
  if (!dom) return null;
  try {
    const state = await domainGetState(client, dom);
    return { hostId, power: powerOf(state.state), copy: copyStateOf(state) };
  } catch (error) {
    if (!isNotFound(error)) throw toDriverError(error, `state of VM ${vmId}`);
    return null;
  }
}

/** What a domain's memory is, from libvirt's reason for its state (never from "paused" alone). */
export function copyStateOf(state: Pick<DomainStateInfo, 'state' | 'reason'>): CopyState {
  switch (state.state) {
    case 'RUNNING': {
      const reason = runningReasonFromNumber(state.reason);
      return reason === 'POSTCOPY' ? 'postcopy' : reason === 'POSTCOPY_FAILED' ? 'postcopy-failed' : 'whole';
    }
    case 'PAUSED': {
      const reason = pausedReasonFromNumber(state.reason);
      if (reason === 'POSTCOPY') return 'postcopy';
      if (reason === 'POSTCOPY_FAILED') return 'postcopy-failed';
      return reason === 'MIGRATION' || reason === 'STARTING_UP' ? 'migrating' : 'whole';
    }
    case 'UNKNOWN':
    case 'NOSTATE':
      return 'unknown';
    default:
      return 'whole';
  }
}
