// The guest agent through libvirt: the typed clock call, waiting for an agent not connected yet,
// and the boot id read through libvirt-qemu's program only when asked for (it taints the domain).

import { describe, expect, it } from 'vitest';
import { askGuestAgent, parseBootId } from '../../../src/main/drivers/libvirt/jobs/guest-agent';
import {
  QEMU_PROGRAM,
  QemuProcedure,
  RemoteProcedure,
  libvirtErrorNumber,
  readDomainRef,
  readNonNullString,
  writeOptionalString,
  type DomainRef,
} from '../../../src/main/drivers/libvirt/rpc';
import { useFakeDaemon, type FakeLibvirtd } from './rpc/fake-libvirtd';

const dom: DomainRef = { name: 'app', uuid: '22222222-0000-4000-8000-000000000004', id: 7 };
const fake = useFakeDaemon();
const CLOCK_MS = 1_795_000_000_123;
const BOOT_ID = '28a6518a-5b1e-4c41-9f55-0123456789ab';

function answerClock(server: FakeLibvirtd, failuresFirst = 0): void {
  let failures = failuresFirst;
  server.on(RemoteProcedure.DOMAIN_GET_TIME, (c) => {
    expect(readDomainRef(c.args).uuid).toBe(dom.uuid);
    if (failures-- > 0) return c.fail(libvirtErrorNumber('AGENT_UNRESPONSIVE'), 'QEMU guest agent is not connected');
    c.reply((w) => w.hyper(BigInt(Math.floor(CLOCK_MS / 1000))).uint(123_456_789));
  });
}

/** libvirt-qemu's agent command (procedure 3 of its own program), answering guest-file-* like qemu-ga. */
function answerFiles(server: FakeLibvirtd, seen: string[], blocked = false): void {
  server.on(QemuProcedure.DOMAIN_AGENT_COMMAND, (c) => {
    expect(c.header.program).toBe(QEMU_PROGRAM);
    readDomainRef(c.args);
    const command = JSON.parse(readNonNullString(c.args)) as { execute: string; arguments: { path?: string } };
    seen.push(command.execute);
    if (blocked) return c.fail(libvirtErrorNumber('AGENT_UNRESPONSIVE'), 'The command guest-file-open has been disabled for this instance');
    const reply = {
      'guest-file-open': command.arguments.path === '/proc/sys/kernel/random/boot_id' ? 1000 : null,
      'guest-file-read': { count: 37, 'buf-b64': Buffer.from(`${BOOT_ID}\n`).toString('base64'), eof: true },
      'guest-file-close': {},
    }[command.execute];
    c.reply((w) => writeOptionalString(w, JSON.stringify({ return: reply })));
  });
}

describe('askGuestAgent', () => {
  it("reads the guest's clock through the typed call, and nothing through the tainting program unless asked", async () => {
    const { client, server } = fake();
    answerClock(server);
    const seen: string[] = [];
    answerFiles(server, seen);
    expect(await askGuestAgent(client, dom, { readBootId: false })).toEqual({ clockMs: CLOCK_MS, bootId: null });
    expect(seen).toEqual([]);
    expect(server.calls.every((h) => h.program !== QEMU_PROGRAM)).toBe(true);
  });

  it('reads the boot id with guest-file-open/read/close when the host allows it', async () => {
    const { client, server } = fake();
    answerClock(server);
    const seen: string[] = [];
    answerFiles(server, seen);
    expect(await askGuestAgent(client, dom, { readBootId: true })).toEqual({ clockMs: CLOCK_MS, bootId: BOOT_ID.replace(/-/g, '') });
    expect(seen).toEqual(['guest-file-open', 'guest-file-read', 'guest-file-close']);
  });

  it('keeps the clock when the agent refuses file reads (the boot id stays unknown)', async () => {
    const { client, server } = fake();
    answerClock(server);
    answerFiles(server, [], true);
    expect(await askGuestAgent(client, dom, { readBootId: true })).toEqual({ clockMs: CLOCK_MS, bootId: null });
  });

  it('waits for an agent that is not connected yet, and gives up on one that never connects', async () => {
    const { client, server } = fake();
    answerClock(server, 2);
    expect(await askGuestAgent(client, dom, { readBootId: false, settleMs: 2_000, pauseMs: 20 })).toEqual({
      clockMs: CLOCK_MS,
      bootId: null,
    });
    answerClock(server, 1_000);
    const started = Date.now();
    expect(await askGuestAgent(client, dom, { readBootId: false, settleMs: 300, pauseMs: 20 })).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('answers null at once for a domain without the channel', async () => {
    const { client, server } = fake();
    server.on(RemoteProcedure.DOMAIN_GET_TIME, (c) =>
      c.fail(libvirtErrorNumber('ARGUMENT_UNSUPPORTED'), 'QEMU guest agent is not configured'),
    );
    const started = Date.now();
    expect(await askGuestAgent(client, dom, { readBootId: true, settleMs: 5_000 })).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('parseBootId', () => {
  it("takes the kernel's boot id (a UUID and a newline) in the probe's form, and nothing else", () => {
    expect(parseBootId(`${BOOT_ID.toUpperCase()}\n`)).toBe('28a6518a5b1e4c419f550123456789ab');
    expect(parseBootId('')).toBeNull();
    expect(parseBootId('not a uuid')).toBeNull();
  });
});
