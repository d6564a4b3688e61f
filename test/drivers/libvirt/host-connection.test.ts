// One host's connection: connect, learn who the host is, register domain events; after the
// daemon goes away, reconnect with backoff and register the events again on the new connection.

import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/main/drivers/libvirt/rpc';
import { HostConnection } from '../../../src/main/drivers/libvirt/hosts/host-connection';
import { RemoteProcedure as P, writeDomainRef } from '../../../src/main/drivers/libvirt/rpc';
import { FakeHost } from './fake-host';
import { waitFor } from './rpc/fake-libvirtd';

const UUID = '0d59aaaa-bbbb-4ccc-8ddd-eeeeffff0001';
const connections: HostConnection[] = [];
afterEach(async () => {
  await Promise.all(connections.splice(0).map((c) => c.close()));
});

function connect(host: FakeHost, events: DomainEvent[] = [], states: string[] = []): HostConnection {
  const connection = new HostConnection(
    { uri: 'qemu+unix:///system?socket=/nowhere', clusterId: 'c' },
    {
      openClient: host.open,
      backoff: { initialMs: 10, maxMs: 40 },
      onEvent: (_c, e) => events.push(e),
      onStateChange: (c) => states.push(c.state),
    },
  );
  connections.push(connection);
  connection.start();
  return connection;
}

describe('host connection', () => {
  it('never dials a host told to wait (its credentials cannot be opened): no login without them', async () => {
    const host = new FakeHost(UUID, 'kvm-01');
    let dialed = 0;
    const connection = new HostConnection(
      {
        uri: 'qemu+ssh://root@kvm-01/system',
        clusterId: 'c',
        hostId: `libvirt:${UUID}`,
        waitingFor: 'credentials unavailable: sealed by electron safeStorage; re-enter them',
      },
      { openClient: () => (dialed++, host.open()), backoff: { initialMs: 10, maxMs: 40 } },
    );
    connections.push(connection);
    connection.start();
    await connection.ready;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dialed).toBe(0);
    expect(connection.state).toBe('disconnected');
    expect(connection.hostId).toBe(`libvirt:${UUID}`);
    expect(() => connection.require()).toThrow(/credentials unavailable/);
  });

  it('connects, names the host by its UUID and registers lifecycle, iteration and job-completed events', async () => {
    const host = new FakeHost(UUID, 'kvm-01');
    const events: DomainEvent[] = [];
    const connection = connect(host, events);
    await connection.ready;
    expect(connection.state).toBe('connected');
    expect(connection.hostId).toBe(`libvirt:${UUID}`);
    expect(connection.label).toBe('kvm-01');
    expect(connection.require().nodeInfo.cpus).toBe(2);
    expect(host.registrations).toBe(3);
    host.servers[0]?.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, (w) => {
      w.int(host.lifecycleCallbackId);
      writeDomainRef(w, { name: 'vm', uuid: '11111111-2222-3333-4444-555555555555', id: 3 });
      w.int(2).int(0);
    });
    await waitFor(() => events.length === 1);
    expect(events[0]).toMatchObject({ kind: 'lifecycle', event: 'STARTED' });
  });

  it('after the daemon dies: disconnected, then reconnected with backoff, events registered again', async () => {
    const host = new FakeHost(UUID, 'kvm-01');
    const events: DomainEvent[] = [];
    const states: string[] = [];
    const connection = connect(host, events, states);
    await connection.ready;
    host.refuse = 3; // down for a few attempts
    host.dropConnections();
    await waitFor(() => connection.state === 'disconnected');
    expect(() => connection.require()).toThrow(expect.objectContaining({ code: 'HOST_UNREACHABLE' }));
    await waitFor(() => connection.state === 'connected', 5_000);
    expect(host.refuse).toBe(0);
    expect(states).toEqual(['connected', 'disconnected', 'connected']);
    expect(host.registrations).toBe(6);
    expect(connection.hostId).toBe(`libvirt:${UUID}`);
    // Events of the new connection arrive (they are matched by the new callback ids).
    host.servers[0]?.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, (w) => {
      w.int(host.lifecycleCallbackId);
      writeDomainRef(w, { name: 'vm', uuid: '11111111-2222-3333-4444-555555555555', id: 3 });
      w.int(5).int(0);
    });
    await waitFor(() => events.some((e) => e.kind === 'lifecycle' && e.event === 'STOPPED'));
  });

  it('reports a host that never answers as disconnected, with the reason, and keeps trying', async () => {
    const host = new FakeHost(UUID, 'kvm-01');
    host.refuse = 1_000;
    const connection = connect(host);
    await connection.ready;
    expect(connection.state).toBe('disconnected');
    expect(connection.hostId).toBeNull();
    expect(connection.lastError).toMatchObject({ code: 'HOST_UNREACHABLE', message: expect.stringContaining('ECONNREFUSED') });
    const before = host.refuse;
    await waitFor(() => host.refuse < before - 2, 2_000);
  });

  it('refuses a URI that now answers as another host', async () => {
    let uuid = UUID;
    const hosts = new Map<string, FakeHost>();
    const connection = new HostConnection(
      { uri: 'qemu+tcp://kvm/system', clusterId: 'c' },
      {
        openClient: () => {
          const host = hosts.get(uuid) ?? new FakeHost(uuid, 'kvm');
          hosts.set(uuid, host);
          return host.open();
        },
        backoff: { initialMs: 10, maxMs: 20 },
      },
    );
    connections.push(connection);
    connection.start();
    await connection.ready;
    uuid = '99999999-9999-4999-8999-999999999999';
    hosts.get(UUID)?.dropConnections();
    await waitFor(() => connection.lastError?.message.includes('another host') === true, 2_000);
    expect(connection.state).toBe('disconnected');
    expect(connection.hostId).toBe(`libvirt:${UUID}`);
  });
});
