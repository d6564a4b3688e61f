import { describe, it, expect } from 'vitest';
import {
  DomainEventId,
  readDomainRef,
  RemoteProcedure as P,
  subscribeDomainEvents,
  typedParam,
  writeDomainRef,
  writeTypedParams,
  type DomainEvent,
  type XdrWriter,
} from '../../../../src/main/drivers/libvirt/rpc';
import { testVm as vm, useFakeDaemon, waitFor, type FakeLibvirtd } from './fake-libvirtd';

const setup = useFakeDaemon();
const lifecycle = (callbackId: number, event: number, detail: number) => (w: XdrWriter) => {
  w.int(callbackId);
  writeDomainRef(w, vm);
  w.int(event).int(detail);
};

/** A daemon that hands out callback ids 100, 101... per registration. */
function registerIds(server: FakeLibvirtd, onRegister?: (eventId: number, callbackId: number) => void): number[] {
  const eventIds: number[] = [];
  let next = 100;
  server.on(P.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (call) => {
    const eventId = call.args.int();
    call.args.optional(readDomainRef);
    call.args.expectEnd();
    eventIds.push(eventId);
    const callbackId = next++;
    onRegister?.(eventId, callbackId);
    call.reply((w) => w.int(callbackId));
  });
  return eventIds;
}

describe('subscribeDomainEvents', () => {
  it('registers each kind and decodes lifecycle, migration iteration and job completed events', async () => {
    const { client, server } = setup();
    const eventIds = registerIds(server);
    const events: DomainEvent[] = [];
    const sub = await subscribeDomainEvents(client, ['lifecycle', 'migration-iteration', 'job-completed'], (e) => events.push(e));
    expect(eventIds).toEqual([DomainEventId.LIFECYCLE, DomainEventId.MIGRATION_ITERATION, DomainEventId.JOB_COMPLETED]);
    expect(sub.callbackIds).toEqual([100, 101, 102]);

    server.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, lifecycle(100, 2, 0));
    server.sendEvent(P.DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION, (w) => {
      w.int(101);
      writeDomainRef(w, vm);
      w.int(3);
    });
    server.sendEvent(P.DOMAIN_EVENT_CALLBACK_JOB_COMPLETED, (w) => {
      w.int(102);
      writeDomainRef(w, vm);
      writeTypedParams(w, [typedParam.ullong('downtime', 42), typedParam.ullong('memory_iteration', 3)], 64);
    });
    await waitFor(() => events.length === 3);
    expect(events[0]).toEqual({ kind: 'lifecycle', callbackId: 100, domain: vm, event: 'STARTED', rawEvent: 2, detail: 0 });
    expect(events[1]).toEqual({ kind: 'migration-iteration', callbackId: 101, domain: vm, iteration: 3 });
    expect(events[2]).toMatchObject({
      kind: 'job-completed',
      domain: vm,
      stats: { type: 'COMPLETED', downtimeMs: 42, memoryIteration: 3 },
    });
  });

  it('delivers an event that arrives before the REGISTER reply', async () => {
    const { client, server } = setup();
    registerIds(server, (_eventId, callbackId) => server.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, lifecycle(callbackId, 0, 0)));
    const events: DomainEvent[] = [];
    await subscribeDomainEvents(client, ['lifecycle'], (e) => events.push(e));
    expect(events).toMatchObject([{ kind: 'lifecycle', event: 'DEFINED', callbackId: 100 }]);
  });

  it('ignores events of other subscriptions and deregisters on unsubscribe', async () => {
    const { client, server } = setup();
    registerIds(server);
    const deregistered: number[] = [];
    server.on(P.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (call) => {
      deregistered.push(call.args.int());
      call.reply();
    });
    const mine: DomainEvent[] = [];
    const sub = await subscribeDomainEvents(client, ['lifecycle'], (e) => mine.push(e), vm);
    server.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, lifecycle(999, 5, 1)); // someone else's callback id
    server.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, lifecycle(100, 5, 1));
    await waitFor(() => mine.length === 1);
    expect(mine[0]).toMatchObject({ event: 'STOPPED', detail: 1 });
    await sub.unsubscribe();
    expect(deregistered).toEqual([100]);
    server.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, lifecycle(100, 4, 0));
    await client.ping();
    expect(mine).toHaveLength(1);
  });

  it('rolls back earlier registrations when a later one fails', async () => {
    const { client, server } = setup();
    let registrations = 0;
    server.on(P.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (call) => {
      registrations += 1;
      if (registrations === 2) call.fail(3, 'this event is not supported');
      else call.reply((w) => w.int(7));
    });
    const deregistered: number[] = [];
    server.on(P.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (call) => {
      deregistered.push(call.args.int());
      call.reply();
    });
    await expect(subscribeDomainEvents(client, ['lifecycle', 'job-completed'], () => undefined)).rejects.toMatchObject({
      code: 'NO_SUPPORT',
    });
    expect(deregistered).toEqual([7]);
  });
});
