import { afterEach, describe, it, expect } from 'vitest';
import {
  ConnectFlags,
  LibvirtClient,
  LibvirtError,
  readOptionalString,
  RemoteProcedure,
  RpcClientError,
  type CloseReason,
  type LibvirtClientOptions,
} from '../../../../src/main/drivers/libvirt/rpc';
import { duplexPair, FakeLibvirtd, sleep, waitFor, type FakeCall } from './fake-libvirtd';

const clients: LibvirtClient[] = [];

function setup(options: LibvirtClientOptions = { keepalive: false }): { client: LibvirtClient; server: FakeLibvirtd } {
  const [clientSide, serverSide] = duplexPair();
  const client = new LibvirtClient(clientSide, options);
  clients.push(client);
  return { client, server: new FakeLibvirtd(serverSide) };
}

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

const P = RemoteProcedure;
const echoInt = (r: { int(): number }): number => r.int();

describe('LibvirtClient calls', () => {
  it('sends CONNECT_OPEN with the name and flags', async () => {
    const { client, server } = setup();
    let seen: { name: string | null; flags: number } | undefined;
    server.on(P.CONNECT_OPEN, (call) => {
      seen = { name: readOptionalString(call.args), flags: call.args.uint() };
      call.reply();
    });
    await client.open('qemu:///system', ConnectFlags.READONLY);
    expect(seen).toEqual({ name: 'qemu:///system', flags: 1 });
    expect(server.calls[0]).toMatchObject({ program: 0x20008086, version: 1, procedure: 1, type: 0, status: 0 });
  });

  it('matches out-of-order replies to their calls by serial', async () => {
    const { client, server } = setup();
    const held: FakeCall[] = [];
    server.on(P.CONNECT_GET_HOSTNAME, (call) => held.push(call));
    const results = [1, 2, 3].map((n) => client.call(P.CONNECT_GET_HOSTNAME, (w) => w.int(n), echoInt));
    await waitFor(() => held.length === 3);
    expect(new Set(held.map((call) => call.header.serial)).size).toBe(3);
    // Reply last-first, each echoing what its own call sent (times 10).
    for (const call of [...held].reverse()) {
      const sent = call.args.int();
      call.reply((w) => w.int(sent * 10));
    }
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30]);
    expect(client.pendingCalls).toBe(0);
  });

  it('rejects with a typed LibvirtError on an ERROR reply', async () => {
    const { client, server } = setup();
    server.on(P.DOMAIN_LOOKUP_BY_NAME, (call) => call.fail(42, "Domain not found: no domain with matching name 'x'"));
    const error = await client.call(P.DOMAIN_LOOKUP_BY_NAME, (w) => w.string('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibvirtError);
    expect(error).toMatchObject({ code: 'NO_DOMAIN', rawCode: 42, procedure: P.DOMAIN_LOOKUP_BY_NAME });
  });

  it('times a call out, drops its late reply, and keeps working', async () => {
    const { client, server } = setup();
    const held: FakeCall[] = [];
    server.on(P.CONNECT_GET_HOSTNAME, (call) => held.push(call));
    const error = await client.call(P.CONNECT_GET_HOSTNAME, null, echoInt, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcClientError);
    expect((error as RpcClientError).kind).toBe('TIMEOUT');
    held[0]!.reply((w) => w.int(1)); // too late: must be ignored, not break the stream
    server.on(P.CONNECT_GET_HOSTNAME, (call) => call.reply((w) => w.int(2)));
    await expect(client.call(P.CONNECT_GET_HOSTNAME, null, echoInt)).resolves.toBe(2);
    expect(client.closed).toBe(false);
  });

  it('fails a reply whose body does not match the expected struct', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_GET_VERSION, (call) => call.reply((w) => w.int(1).int(2).int(3)));
    const error = await client.call(P.CONNECT_GET_VERSION, null, (r) => r.uhyper()).catch((e: unknown) => e);
    expect((error as RpcClientError).kind).toBe('PROTOCOL');
  });

  it('keeps at most 4 calls at the daemon (libvirtd stops reading a client at 5) and sends the rest in order', async () => {
    const { client, server } = setup();
    const held: FakeCall[] = [];
    server.on(P.CONNECT_GET_HOSTNAME, (call) => held.push(call));
    const results = [1, 2, 3, 4, 5, 6, 7].map((n) => client.call(P.CONNECT_GET_HOSTNAME, (w) => w.int(n), echoInt));
    await waitFor(() => held.length === 4);
    await sleep(20);
    expect(held).toHaveLength(4);
    expect(client.pendingCalls).toBe(7);
    // Each answer lets the next waiting call go, in the order they were made.
    const answer = (call: FakeCall): void => {
      const sent = call.args.int();
      call.reply((w) => w.int(sent * 10));
    };
    answer(held[1]!);
    await waitFor(() => held.length === 5);
    for (const call of [held[0]!, held[2]!, held[3]!]) answer(call);
    await waitFor(() => held.length === 7);
    for (const call of held.slice(4)) answer(call);
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(server.calls.map((call) => call.serial)).toEqual([...server.calls.map((call) => call.serial)].sort((a, b) => a - b));
  });

  it("starts a call's timeout when it is sent: one waiting behind slow calls gets its whole time", async () => {
    const { client, server } = setup();
    const held: FakeCall[] = [];
    server.on(P.CONNECT_GET_HOSTNAME, (call) => held.push(call));
    server.on(P.CONNECT_GET_VERSION, (call) => call.reply((w) => w.uhyper(9_000_000n)));
    const slow = [1, 2, 3, 4].map(() => client.call(P.CONNECT_GET_HOSTNAME, null, echoInt, { timeoutMs: 0 }));
    const waiting = client.call(P.CONNECT_GET_VERSION, null, (r) => r.uhyper(), { timeoutMs: 30 });
    await sleep(80); // longer than its timeout, all of it spent waiting for a place
    held[0]!.reply((w) => w.int(0));
    await expect(waiting).resolves.toBe(9_000_000n);
    for (const call of held.slice(1)) call.reply((w) => w.int(0));
    await Promise.all(slow);
  });

  it('sends a steering call before the calls waiting their turn', async () => {
    const { client, server } = setup();
    const held: FakeCall[] = [];
    server.on(P.CONNECT_GET_HOSTNAME, (call) => held.push(call));
    const burst = [1, 2, 3, 4, 5, 6].map(() => client.call(P.CONNECT_GET_HOSTNAME, null, echoInt));
    await waitFor(() => held.length === 4);
    const abort = client.call(P.DOMAIN_ABORT_JOB, null, null, { urgent: true });
    held[0]!.reply((w) => w.int(0));
    await abort;
    expect(server.calls.map((call) => call.procedure).slice(4, 5)).toEqual([P.DOMAIN_ABORT_JOB]);
    await waitFor(() => held.length === 5);
    for (const call of held.slice(1)) call.reply((w) => w.int(0));
    await waitFor(() => held.length === 6);
    held[5]!.reply((w) => w.int(0));
    await Promise.all(burst);
  });

  it('drops a connection whose every place the daemon holds past its timeout while calls wait (a hung pool or monitor)', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_GET_HOSTNAME, () => undefined); // never answers
    const hung = [1, 2, 3, 4].map(() => client.call(P.CONNECT_GET_HOSTNAME, null, null, { timeoutMs: 20 }).catch((e: unknown) => e));
    const waiting = client.call(P.CONNECT_GET_VERSION, null, null, { timeoutMs: 1_000 }).catch((e: unknown) => e);
    const closed = new Promise<CloseReason>((resolve) => client.onClose(resolve));
    for (const error of await Promise.all(hung)) expect(error).toMatchObject({ kind: 'TIMEOUT' });
    expect(await closed).toEqual({ kind: 'stalled', held: 4 });
    expect(await waiting).toMatchObject({ kind: 'CLOSED' });
    expect(server.calls.map((call) => call.procedure)).not.toContain(P.CONNECT_GET_VERSION);
  });

  it('keeps a connection whose held calls timed out while nothing waits, and drops it at the next call', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_GET_HOSTNAME, () => undefined);
    const hung = [1, 2, 3, 4].map(() => client.call(P.CONNECT_GET_HOSTNAME, null, null, { timeoutMs: 20 }).catch((e: unknown) => e));
    await Promise.all(hung);
    await client.ping(); // the keepalive still works: only calls are stuck
    expect(client.closed).toBe(false);
    await expect(client.call(P.CONNECT_GET_VERSION)).rejects.toMatchObject({ kind: 'CLOSED' });
    expect(client.closeReason).toEqual({ kind: 'stalled', held: 4 });
  });

  it('closes at once when the daemon holds all the calls it may, without CONNECT_CLOSE', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_GET_HOSTNAME, () => undefined);
    const held = [1, 2, 3, 4].map(() => client.call(P.CONNECT_GET_HOSTNAME, null, null, { timeoutMs: 0 }).catch((e: unknown) => e));
    await waitFor(() => server.calls.length === 4);
    const started = Date.now();
    await client.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(client.closeReason).toEqual({ kind: 'local' });
    for (const error of await Promise.all(held)) expect(error).toMatchObject({ kind: 'CLOSED' });
    expect(server.calls.map((call) => call.procedure)).not.toContain(P.CONNECT_CLOSE);
  });

  it('rejects an argument that cannot be encoded without sending anything', async () => {
    const { client, server } = setup();
    await expect(client.call(P.DOMAIN_SUSPEND, (w) => w.int(2 ** 40))).rejects.toThrow(/out of range/);
    await sleep(10);
    expect(server.calls).toHaveLength(0);
  });
});

describe('LibvirtClient keepalive', () => {
  it('answers the daemon PING with PONG', async () => {
    const { server } = setup();
    server.sendPing();
    await waitFor(() => server.pongs === 1);
  });

  it('measures a round trip with ping()', async () => {
    const { client, server } = setup();
    await expect(client.ping()).resolves.toBeGreaterThanOrEqual(0);
    expect(server.pings).toBe(1);
  });

  it('pings when idle and declares the peer dead after N missed pongs', async () => {
    const { client, server } = setup({ keepalive: { intervalMs: 20, maxMissed: 2 } });
    server.answerPings = false;
    server.on(P.CONNECT_GET_HOSTNAME, () => undefined); // never replies
    const pending = client.call(P.CONNECT_GET_HOSTNAME, null, null, { timeoutMs: 0 }).catch((e: unknown) => e);
    const reason = await new Promise<CloseReason>((resolve) => client.onClose(resolve));
    expect(reason).toEqual({ kind: 'keepalive-timeout', missed: 2 });
    expect(server.pings).toBe(2);
    const error = (await pending) as RpcClientError;
    expect(error.kind).toBe('CLOSED');
    expect(error.message).toMatch(/keepalive-timeout/);
  });

  it('stays up while the peer answers', async () => {
    const { client, server } = setup({ keepalive: { intervalMs: 15, maxMissed: 1 } });
    await sleep(120);
    expect(client.closed).toBe(false);
    expect(server.pings).toBeGreaterThan(1);
  });
});

describe('LibvirtClient events and teardown', () => {
  it('dispatches MESSAGE packets to listeners of their procedure only', async () => {
    const { client, server } = setup();
    const seen: number[] = [];
    const stop = client.onEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, (r) => seen.push(r.int()));
    client.onEvent(P.DOMAIN_EVENT_CALLBACK_JOB_COMPLETED, () => seen.push(-1));
    server.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, (w) => w.int(5));
    await waitFor(() => seen.length === 1);
    stop();
    server.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, (w) => w.int(6));
    await client.ping(); // a round trip later the second event has surely arrived
    expect(seen).toEqual([5]);
  });

  it('keeps reading when a listener throws', async () => {
    const errors: unknown[] = [];
    const { client, server } = setup({ keepalive: false, onListenerError: (e) => errors.push(e) });
    client.onEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, () => {
      throw new Error('listener bug');
    });
    server.sendEvent(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, (w) => w.int(1));
    await client.ping();
    expect(errors).toHaveLength(1);
    expect(client.closed).toBe(false);
  });

  it('rejects every pending call with CLOSED when the daemon goes away', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_GET_HOSTNAME, () => undefined);
    const pending = [1, 2, 3].map(() => client.call(P.CONNECT_GET_HOSTNAME, null, null, { timeoutMs: 0 }).catch((e: unknown) => e));
    const closed = new Promise<CloseReason>((resolve) => client.onClose(resolve));
    await waitFor(() => server.calls.length === 3);
    server.close();
    expect(await closed).toEqual({ kind: 'eof' });
    for (const error of await Promise.all(pending)) expect((error as RpcClientError).kind).toBe('CLOSED');
    await expect(client.call(P.CONNECT_GET_HOSTNAME)).rejects.toMatchObject({ kind: 'CLOSED' });
    await expect(client.ping()).rejects.toMatchObject({ kind: 'CLOSED' });
  });

  it('closes with a protocol error on a corrupt stream', async () => {
    const { client, server } = setup();
    const closed = new Promise<CloseReason>((resolve) => client.onClose(resolve));
    server.sendRaw(Buffer.from('00000001deadbeef', 'hex'));
    const reason = await closed;
    expect(reason.kind).toBe('protocol-error');
  });

  it('close() sends CONNECT_CLOSE then tears down; onClose reports local', async () => {
    const { client, server } = setup();
    const reasons: CloseReason[] = [];
    client.onClose((reason) => reasons.push(reason));
    await client.close();
    expect(server.calls.map((call) => call.procedure)).toEqual([P.CONNECT_CLOSE]);
    expect(reasons).toEqual([{ kind: 'local' }]);
    // Late subscribers learn the reason at once.
    client.onClose((reason) => reasons.push(reason));
    expect(reasons).toHaveLength(2);
  });
});
