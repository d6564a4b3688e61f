// The inputs of a VM's prediction, gathered from the inventory, the tasks under way and what
// completed migrations taught about the link, and the basis the prediction says it stands on.

import type { Host, Vm } from '../../../shared/model/inventory';
import type { Prediction, PredictionBasis, Task } from '../../../shared/model/migration';
import { movedAs } from '../../../shared/model/moved-as';
import type { MigrationRequest } from '../../../shared/model/schedule';
import type { LinkSpeeds } from './link-speeds';
import { predict } from './prediction';
import type { EngineView } from './view';

export interface PredictionContext {
  view: EngineView;
  /** Migrations queued or under way (those running share the link). */
  active(): readonly Task[];
  /** What completed migrations taught; absent: only configured or assumed speeds. */
  links?: Pick<LinkSpeeds, 'estimate'>;
}

export type PredictedRequest = Pick<MigrationRequest, 'destHostId' | 'type' | 'destDatastoreId' | 'options'>;

export function predictionFor(ctx: PredictionContext, vm: Vm, asked: PredictedRequest): Prediction {
  const request = movedAs(vm.disks, asked);
  const source = ctx.view.host(vm.hostId);
  const dest = ctx.view.host(request.type === 'storage' ? vm.hostId : (request.destHostId ?? '')) ?? source;
  const sharing = (hostId: string | undefined) =>
    ctx.active().filter((t) => t.state === 'running' && (t.sourceHostId === hostId || t.destHostId === hostId)).length + 1;
  const link = linkOf(ctx, source, dest);
  // A learned speed is the pair's own; a configured one is each endpoint's NIC, shared with its other moves.
  const available =
    link.linkSource === 'learned'
      ? link.linkBps / Math.max(sharing(source?.id), sharing(dest?.id))
      : Math.min((source?.migrationBandwidthBps ?? 0) / sharing(source?.id), (dest?.migrationBandwidthBps ?? 0) / sharing(dest?.id));
  const store = request.destDatastoreId ? ctx.view.datastore(request.destDatastoreId) : undefined;
  const driver = source ? ctx.view.driver(source.driverId) : undefined;
  const prediction = predict({
    type: request.type,
    memoryBytes: vm.memoryBytes,
    dirtyRateBps: vm.dirtyRateBps,
    workingSetBytes: vm.workingSetBytes,
    bandwidthBps: Math.min(available, request.options.bandwidthLimitBps ?? Infinity),
    diskBytes: vm.disks.reduce((s, d) => s + d.allocatedBytes, 0),
    diskWriteRateBps: vm.disks.reduce((s, d) => s + d.writeRateBps, 0),
    storageBps: store?.throughputBps ?? available,
    policy: request.options.convergence,
    postCopyAvailable: driver?.capabilities.postCopy ?? false,
    learnedFixedMs: link.fixedMs,
    learnedSwitchoverMs: link.switchoverMs,
    cold: vm.power === 'off',
  });
  const basis: PredictionBasis = { ...dirtyRateBasis(vm), ...link };
  return { ...prediction, basis };
}

/** measured when the hypervisor sampled it; assumed when it could but has not (0); reported when the backend has its own figure. */
function dirtyRateBasis(vm: Vm): Pick<PredictionBasis, 'dirtyRateBps' | 'dirtyRateSource' | 'dirtyRateMeasuredAt'> {
  const at = vm.dirtyRateMeasuredAt;
  const source = typeof at === 'string' ? 'measured' : at === null ? 'assumed' : 'reported';
  return { dirtyRateBps: vm.dirtyRateBps, dirtyRateSource: source, dirtyRateMeasuredAt: at ?? null };
}

/** The link's speed: learned for this pair, else the slower endpoint's (configured or assumed). */
function linkOf(
  ctx: PredictionContext,
  source: Host | undefined,
  dest: Host | undefined,
): Pick<PredictionBasis, 'linkBps' | 'linkSource' | 'linkSamples' | 'fixedMs' | 'switchoverMs'> {
  const learned = source && dest && source.id !== dest.id ? ctx.links?.estimate(source.id, dest.id) : null;
  if (learned)
    return {
      linkBps: learned.bytesPerSecond,
      linkSource: 'learned',
      linkSamples: learned.samples,
      ...(learned.fixedMs === null ? {} : { fixedMs: learned.fixedMs }),
      ...(learned.switchoverMs === null ? {} : { switchoverMs: learned.switchoverMs }),
    };
  const slower = [source, dest]
    .filter((h): h is Host => h !== undefined)
    .sort((a, b) => a.migrationBandwidthBps - b.migrationBandwidthBps)[0];
  return {
    linkBps: slower?.migrationBandwidthBps ?? 0,
    linkSource: slower?.migrationBandwidthSource === 'assumed' ? 'assumed' : 'configured',
    linkSamples: 0,
  };
}
