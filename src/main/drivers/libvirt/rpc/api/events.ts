// Domain events with server-side filtering ("callback" variants, libvirt >= 1.2.1).
// Structs (remote_protocol.x):
//   remote_connect_domain_event_callback_register_any_args { int eventID; remote_domain dom; }  _ret { int callbackID; }
//   remote_connect_domain_event_callback_deregister_any_args { int callbackID; }
//   remote_domain_event_callback_lifecycle_msg { int callbackID; remote_domain_event_lifecycle_msg msg; }
//       where remote_domain_event_lifecycle_msg { remote_nonnull_domain dom; int event; int detail; }
//   remote_domain_event_callback_migration_iteration_msg { int callbackID; remote_nonnull_domain dom; int iteration; }
//   remote_domain_event_callback_job_completed_msg { int callbackID; remote_nonnull_domain dom; remote_typed_param params<REMOTE_DOMAIN_JOB_STATS_MAX>; }

import { type LibvirtClient } from '../client';
import { lifecycleEventFromNumber, type LifecycleEventName } from '../domain-state';
import { decodeJobStats, JOB_TYPE_COMPLETED, type JobStats } from '../job-stats';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { readDomainRef, writeDomainRef, type DomainRef } from '../structs';
import { readTypedParams } from '../typed-params';
import { type XdrReader } from '../xdr';

/** virDomainEventID (subset). */
export const DomainEventId = { LIFECYCLE: 0, MIGRATION_ITERATION: 20, JOB_COMPLETED: 21 } as const;

interface DomainLifecycleEvent {
  readonly kind: 'lifecycle';
  readonly callbackId: number;
  readonly domain: DomainRef;
  readonly event: LifecycleEventName;
  readonly rawEvent: number;
  /** Event-specific detail (virDomainEventStartedDetailType, ...Stopped..., ...). */
  readonly detail: number;
}

interface DomainMigrationIterationEvent {
  readonly kind: 'migration-iteration';
  readonly callbackId: number;
  readonly domain: DomainRef;
  /** Pre-copy pass number, starting at 1. */
  readonly iteration: number;
}

interface DomainJobCompletedEvent {
  readonly kind: 'job-completed';
  readonly callbackId: number;
  readonly domain: DomainRef;
  readonly stats: JobStats;
}

export type DomainEvent = DomainLifecycleEvent | DomainMigrationIterationEvent | DomainJobCompletedEvent;
export type DomainEventKind = DomainEvent['kind'];

function decodeLifecycleEvent(r: XdrReader): DomainLifecycleEvent {
  const callbackId = r.int();
  const domain = readDomainRef(r);
  const rawEvent = r.int();
  return { kind: 'lifecycle', callbackId, domain, event: lifecycleEventFromNumber(rawEvent), rawEvent, detail: r.int() };
}

function decodeMigrationIterationEvent(r: XdrReader): DomainMigrationIterationEvent {
  return { kind: 'migration-iteration', callbackId: r.int(), domain: readDomainRef(r), iteration: r.int() };
}

function decodeJobCompletedEvent(r: XdrReader): DomainJobCompletedEvent {
  const callbackId = r.int();
  const domain = readDomainRef(r);
  return { kind: 'job-completed', callbackId, domain, stats: decodeJobStats(JOB_TYPE_COMPLETED, readTypedParams(r, Limits.JOB_STATS)) };
}

const EVENT_WIRE: Record<DomainEventKind, { id: number; procedure: number; decode: (r: XdrReader) => DomainEvent }> = {
  lifecycle: { id: DomainEventId.LIFECYCLE, procedure: RemoteProcedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE, decode: decodeLifecycleEvent },
  'migration-iteration': {
    id: DomainEventId.MIGRATION_ITERATION,
    procedure: RemoteProcedure.DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION,
    decode: decodeMigrationIterationEvent,
  },
  'job-completed': {
    id: DomainEventId.JOB_COMPLETED,
    procedure: RemoteProcedure.DOMAIN_EVENT_CALLBACK_JOB_COMPLETED,
    decode: decodeJobCompletedEvent,
  },
};

/** Registers interest in one event id, for one domain or (dom null) all. Returns the server's callback id. */
function connectDomainEventCallbackRegisterAny(c: LibvirtClient, eventId: number, dom: DomainRef | null = null): Promise<number> {
  return c.call(
    RemoteProcedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
    (w) => {
      w.int(eventId);
      w.optional(dom, writeDomainRef);
    },
    (r) => r.int(),
  );
}

function connectDomainEventCallbackDeregisterAny(c: LibvirtClient, callbackId: number): Promise<void> {
  return c.call(RemoteProcedure.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (w) => w.int(callbackId));
}

export interface DomainEventSubscription {
  readonly callbackIds: readonly number[];
  /** Deregisters on the server (when still connected) and stops the listener. */
  unsubscribe(): Promise<void>;
}

/**
 * Subscribes to the given event kinds and delivers them decoded. The client listens *before*
 * registering and holds events back until every callback id is known: the daemon may send an
 * event for a fresh callback before its REGISTER reply reaches us, and several subscriptions
 * share the same procedure numbers, told apart only by callback id.
 */
export async function subscribeDomainEvents(
  c: LibvirtClient,
  kinds: readonly DomainEventKind[],
  listener: (event: DomainEvent) => void,
  dom: DomainRef | null = null,
): Promise<DomainEventSubscription> {
  const ids = new Set<number>();
  let held: DomainEvent[] | null = [];
  const deliver = (event: DomainEvent): void => {
    if (held) held.push(event);
    else if (ids.has(event.callbackId)) listener(event);
  };
  const stops = [...new Set(kinds)].map((kind) => c.onEvent(EVENT_WIRE[kind].procedure, (r) => deliver(EVENT_WIRE[kind].decode(r))));
  const stopListening = (): void => stops.forEach((stop) => stop());
  try {
    for (const kind of new Set(kinds)) ids.add(await connectDomainEventCallbackRegisterAny(c, EVENT_WIRE[kind].id, dom));
  } catch (error) {
    stopListening();
    await Promise.allSettled([...ids].map((id) => connectDomainEventCallbackDeregisterAny(c, id)));
    throw error;
  }
  const early = held;
  held = null;
  early.forEach(deliver);
  return {
    callbackIds: [...ids],
    async unsubscribe() {
      stopListening();
      if (c.closed) return;
      await Promise.all([...ids].map((id) => connectDomainEventCallbackDeregisterAny(c, id)));
    },
  };
}
