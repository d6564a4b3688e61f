// The guest's word through Debian's real qemu-ga (in every lab guest's initramfs, on its
// virtio-serial channel), through Ferry's engine and libvirt driver. lab-vm1's probe metadata is
// taken away for this file (and put back after it), so the engine must fall back to the agent;
// the guest's own probe port still answers, which lets the test check the same boot independently.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/shared/model/migration';
import { verificationWords } from '../../src/renderer/src/components/verification-words';
import type { Services } from '../../src/main/app/services';
import {
  guestNamed,
  hostConfig,
  hostNamed,
  idOf,
  labDriver,
  probeUntil,
  readLab,
  runningOn,
  sleep,
  virsh,
  type LabGuest,
  type LabHost,
} from './lab-env';
import { howItWent, type LabServices, migrate, openServices, request } from './lab-services';
import { restoreHome } from './lab-restore';

const PROBE_NS = 'https://ferry.invalid/xmlns/probe/1';
const lab = readLab();
const vm1 = guestNamed(lab, 'lab-vm1');
const [h1, h2] = [hostNamed(lab, 'ferry-lab-h1'), hostNamed(lab, 'ferry-lab-h2')];
// The default: an agent's answer and its clock, no boot id (reading it taints the domain).
const plainDriver = labDriver(lab);
// A host configured to read boot ids through the agent (guest-file-*).
const bootIdDriver = labDriver(lab, { hosts: lab.hosts.map((h) => ({ ...hostConfig(h), agentBootId: true })) });

/** Sends one line to the guest's control port (7778) and returns its answer. */
function tellGuest(guest: LabGuest, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect({ host: guest.ip, port: 7778 }, () => socket.write(`${line}\n`));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${guest.name} did not answer "${line}"`));
    }, 5000);
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(data.trim());
    });
    socket.on('error', reject);
  });
}

async function agentState(host: LabHost, guest: LabGuest): Promise<string | null> {
  const xml = await virsh(host, 'dumpxml', guest.uuid);
  return /name='org\.qemu\.guest_agent\.0' state='(\w+)'/.exec(xml)?.[1] ?? null;
}

async function untilAgent(host: LabHost, guest: LabGuest, state: 'connected' | 'disconnected'): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await agentState(host, guest)) !== state) {
    if (Date.now() > deadline) throw new Error(`${guest.name}'s agent never became ${state} on ${host.name}`);
    await sleep(250);
  }
}

/** The guest's QEMU log on a host (libvirt notes taints there) and where it ends now. */
const qemuLog = (host: LabHost, guest: LabGuest) => `${lab.labDir}/hosts/${host.name}/var/log/libvirt/qemu/${guest.name}.log`;
const logEnd = (host: LabHost, guest: LabGuest) => (existsSync(qemuLog(host, guest)) ? statSync(qemuLog(host, guest)).size : 0);
const logSince = (host: LabHost, guest: LabGuest, from: number) =>
  existsSync(qemuLog(host, guest)) ? readFileSync(qemuLog(host, guest)).subarray(from).toString() : '';

async function setProbeMetadata(present: boolean): Promise<void> {
  const on = (await runningOn(lab, vm1)) ?? h1;
  const args = present ? ['--key', 'ferry', '--set', `<probe address='${vm1.ip}' port='${vm1.probePort}'/>`] : ['--remove'];
  await virsh(on, 'metadata', vm1.uuid, '--uri', PROBE_NS, ...args, '--live', '--config');
}

/**
 * Where lab-vm1 runs now and the other of h1 and h2: each test moves it on from wherever the one
 * before left it, so a test run again (after a guest crash) starts from where the guest is.
 */
async function route(): Promise<{ from: LabHost; to: LabHost }> {
  const from = (await runningOn(lab, vm1)) ?? h1;
  return { from, to: from.name === h1.name ? h2 : h1 };
}

/** Moves lab-vm1 through the engine and checks, from outside Ferry, that the same boot ran on. */
async function moveVm1(services: Services, to: LabHost): Promise<Task> {
  const before = await probeUntil(lab, vm1);
  const { task } = await migrate(services, request({ vmIds: [vm1.uuid], destHostId: idOf(to) }));
  expect(task.error, howItWent(services, task)).toBeNull();
  expect((await runningOn(lab, vm1))?.name).toBe(to.name);
  const after = await probeUntil(lab, vm1);
  expect(after.bootId).toBe(before.bootId);
  return task;
}

const finishedDetails = (services: Services, taskId: string): string | null =>
  services.auditReader.page({ taskId, action: 'migration.finished' }, { field: 'id', direction: 'asc' }, 0, 10).rows[0]?.details ?? null;

describe('verification through the real QEMU guest agent (lab)', () => {
  let plain: LabServices;
  let bootIds: LabServices;
  beforeAll(async () => {
    await restoreHome(lab, plainDriver);
    await setProbeMetadata(false);
    await untilAgent(h1, vm1, 'connected');
    plain = await openServices(plainDriver);
  });
  afterAll(async () => {
    // The guest as the other files expect it: agent on, at home, its probe metadata back. Closing
    // the services closes their drivers too, so they go last.
    await tellGuest(vm1, 'agent on').catch(() => undefined);
    await restoreHome(lab, plainDriver);
    await setProbeMetadata(true);
    await bootIds?.close();
    await plain?.close();
  });

  it('verifies lab-vm1 without probe metadata through its agent: answered after the switchover, clock moved on (no taint)', async () => {
    const { from, to } = await route();
    expect(await virsh(from, 'dumpxml', vm1.uuid)).not.toContain(PROBE_NS);
    const [logH1, logH2] = [logEnd(h1, vm1), logEnd(h2, vm1)];
    const task = await moveVm1(plain.services, to);
    expect(task.state).toBe('completed');
    expect(task.outcome?.verification).toBe('guest-agent');
    expect(task.sourceAgentClock).not.toBeNull();
    expect(finishedDetails(plain.services, task.id)).toBe('verification=guest-agent');
    // The agent answers on the destination through libvirt, independently of Ferry.
    expect(await agentState(to, vm1)).toBe('connected');
    expect(await virsh(to, 'domtime', vm1.uuid)).toMatch(/^Time: \d+/);
    // Only typed calls: libvirt did not taint the guest for raw agent commands.
    expect(logSince(h1, vm1, logH1) + logSince(h2, vm1, logH2)).not.toContain('custom-ga-command');
  });

  it('proves the same boot through the agent where the host allows reading the boot id (and libvirt notes the taint)', async () => {
    bootIds ??= await openServices(bootIdDriver);
    const { to } = await route();
    const logTo = logEnd(to, vm1);
    const task = await moveVm1(bootIds.services, to);
    expect(task.state).toBe('completed');
    expect(task.outcome?.verification).toBe('guest-agent-same-boot');
    expect(task.sourceBootId).toMatch(/^[0-9a-f]{32}$/);
    // The boot id the agent read is the one the guest's own probe reports.
    expect(task.sourceBootId).toBe((await probeUntil(lab, vm1)).bootId);
    expect(finishedDetails(bootIds.services, task.id)).toBe('verification=guest-agent-same-boot');
    expect(logSince(to, vm1, logTo)).toContain('custom-ga-command');
  });

  it('falls back to "running only" when the agent is stopped, and the UI says that is weaker', async () => {
    const { from, to } = await route();
    expect(await tellGuest(vm1, 'agent off')).toBe('agent=off');
    await untilAgent(from, vm1, 'disconnected');
    const task = await moveVm1(plain.services, to);
    expect(task.state).toBe('completed');
    expect(task.outcome?.verification).toBe('running-only');
    expect(finishedDetails(plain.services, task.id)).toBe('verification=running-only');
    expect(await agentState(to, vm1)).toBe('disconnected');
    const words = verificationWords['running-only'];
    expect(words.weaker).toBe(true);
    expect(words.label).toBe('Running only (weaker)');
    // And back: with the agent running again, the agent's level returns.
    expect(await tellGuest(vm1, 'agent on')).toBe('agent=on');
    await untilAgent(to, vm1, 'connected');
    const back = await moveVm1(plain.services, from);
    expect(back.outcome?.verification).toBe('guest-agent');
  });
});
