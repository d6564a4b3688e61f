// What the lab tests know about the lab: .lab/lab.json (schema in scripts/lab/README.md), a
// driver configured for its hosts, and independent checks through virsh and the guests' probe.

import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LibvirtDriver } from '../../src/main/drivers/libvirt/libvirt-driver';
import type { LibvirtDriverOptions, LibvirtHostConfig } from '../../src/main/drivers/libvirt/hosts/config';
import { hostIdOf } from '../../src/main/drivers/libvirt/ids';
import { parseProbeLine, type ProbeAnswer } from '../../src/main/drivers/libvirt/jobs/guest-probe';
import { MemoryJournal } from '../helpers/memory-journal';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const labScript = `${repoRoot}/scripts/lab/lab.sh`;

export interface LabHost {
  name: string;
  ip: string;
  netns: string;
  hostUuid: string;
  socket: string;
  unixUri: string;
  tcpUri: string;
  sshUri: string | null;
  localPoolDir: string;
  stateDir: string;
  libvirtdPid: number;
}

export interface LabGuest {
  name: string;
  uuid: string;
  ip: string;
  probePort: number;
  homeHost: string;
  host: string;
  storage: 'shared' | 'local';
  pool: string;
  diskPath: string;
}

export interface Lab {
  labDir: string;
  network: { bridge: string };
  hosts: LabHost[];
  guests: LabGuest[];
  ssh: { host: string; port: number; user: string; privateKey: string; hostPublicKey: string; uri: string };
}

export const labJsonPath = (): string => `${process.env['FERRY_LAB_DIR'] ?? `${repoRoot}/.lab`}/lab.json`;

export function readLab(): Lab {
  return JSON.parse(readFileSync(labJsonPath(), 'utf8')) as Lab;
}

export const hostNamed = (lab: Lab, name: string): LabHost => {
  const host = lab.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`no lab host ${name}`);
  return host;
};
export const guestNamed = (lab: Lab, name: string): LabGuest => {
  const guest = lab.guests.find((g) => g.name === name);
  if (!guest) throw new Error(`no lab guest ${name}`);
  return guest;
};
export const idOf = (host: LabHost): string => hostIdOf(host.hostUuid);

/** A host entry as an admin would write it: unix socket to manage, TCP for peer-to-peer migration. */
export function hostConfig(host: LabHost): LibvirtHostConfig {
  return { uri: host.unixUri, name: host.name, clusterId: 'lab-cluster', clusterName: 'Lab', migrationUri: host.tcpUri, virtType: 'qemu' };
}

export function labDriver(lab: Lab, overrides: Partial<LibvirtDriverOptions> = {}): LibvirtDriver {
  return new LibvirtDriver({
    id: 'libvirt',
    hosts: lab.hosts.map(hostConfig),
    sharedPools: ['shared'],
    datacenterName: 'Lab',
    journal: new MemoryJournal(),
    ...overrides,
  });
}

/** The MAC of the bridge that carries a lab host's address (its br0), as the host's neighbours resolve it. */
export async function bridgeMac(host: LabHost): Promise<string> {
  const { stdout } = await run('ip', ['-n', host.netns, '-br', 'link', 'show', 'br0'], { timeout: 10_000 });
  return stdout.trim().split(/\s+/)[2] ?? '';
}

/** virsh against one lab host, independent of the driver under test. */
export async function virsh(host: LabHost, ...args: string[]): Promise<string> {
  const { stdout } = await run('virsh', ['-q', '-c', host.unixUri, ...args], { timeout: 60_000 });
  return stdout.trim();
}

/** Where each host says the guest is: 'running', 'paused', 'shut off' or absent. */
export async function statesOf(lab: Lab, guest: LabGuest): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const host of lab.hosts) {
    const state = await virsh(host, 'domstate', guest.uuid).catch(() => '');
    if (state) out[host.name] = state.split('\n')[0] ?? state;
  }
  return out;
}

/** The guest's probe line, asked from the root namespace; refuses if the lab bridge is gone. */
export async function probe(lab: Lab, guest: LabGuest, timeoutMs = 2000): Promise<ProbeAnswer | null> {
  if (!existsSync(`/sys/class/net/${lab.network.bridge}`))
    throw new Error('the lab bridge is gone: probing 10.77.0.x would leave this machine');
  const line = await new Promise<string | null>((resolve) => {
    let data = '';
    const socket = connect({ host: guest.ip, port: guest.probePort });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, timeoutMs);
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  return line ? parseProbeLine(line) : null;
}

/** Waits until the guest answers (e.g. after a migration), up to `limitMs`. */
export async function probeUntil(lab: Lab, guest: LabGuest, limitMs = 20_000): Promise<ProbeAnswer> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const answer = await probe(lab, guest);
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`${guest.name} does not answer its probe`);
    await sleep(250);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The host a guest runs on now (by virsh), or null. */
export async function runningOn(lab: Lab, guest: LabGuest): Promise<LabHost | null> {
  const states = await statesOf(lab, guest);
  const name = Object.entries(states).find(([, s]) => s === 'running')?.[0];
  return name ? hostNamed(lab, name) : null;
}

/** Appends a measured timing to test-results/lab-timings.jsonl (and stderr) for the report. */
export function recordTiming(name: string, data: Record<string, unknown>): void {
  const line = JSON.stringify({ name, at: new Date().toISOString(), ...data });
  mkdirSync(`${repoRoot}/test-results`, { recursive: true });
  appendFileSync(`${repoRoot}/test-results/lab-timings.jsonl`, `${line}\n`);
  process.stderr.write(`[lab timing] ${line}\n`);
}

/** Makes a lab guest rewrite `mibPerSecond` MiB of its memory every second (0 stops): port 7778, "rate N". */
export async function setDirtyRate(lab: Lab, guest: LabGuest, mibPerSecond: number): Promise<void> {
  if (!existsSync(`/sys/class/net/${lab.network.bridge}`)) throw new Error('the lab bridge is gone');
  const answer = await new Promise<string>((resolve, reject) => {
    let data = '';
    const socket = connect({ host: guest.ip, port: 7778 }, () => socket.write(`rate ${mibPerSecond}\n`));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${guest.name} did not answer on port 7778`));
    }, 5000);
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(data.trim());
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  if (answer !== `rate=${mibPerSecond}`) throw new Error(`${guest.name} answered "${answer}" to rate ${mibPerSecond}`);
}

/** A host's libvirtd, by the PID the lab recorded, checked against its command line. */
export function libvirtdPid(lab: Lab, host: LabHost): number {
  const pid = Number(readFileSync(`${lab.labDir}/state/libvirtd.${host.name}.pid`, 'utf8').trim());
  if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`${host.stateDir}/`))
    throw new Error(`PID ${pid} is not ${host.name}'s libvirtd`);
  return pid;
}

/** Kills a host's libvirtd and lets `lab.sh up` start it again. */
export async function restartLibvirtd(lab: Lab, host: LabHost): Promise<void> {
  process.kill(libvirtdPid(lab, host), 'SIGKILL');
  await run('bash', [labScript, 'up'], { timeout: 240_000 });
}

/** Kills the QEMU that runs (or receives) `guest` on `host`, by the PID libvirt recorded, checked first. */
export function killQemu(host: LabHost, guest: LabGuest): void {
  const pid = Number(readFileSync(`${host.stateDir}/run/libvirt/qemu/${guest.name}.pid`, 'utf8').trim());
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  if (!cmdline[0]?.includes('qemu-system') || !cmdline.some((arg) => arg.includes(`guest=${guest.name}`)))
    throw new Error(`PID ${pid} is not ${guest.name}'s QEMU on ${host.name}`);
  process.kill(pid, 'SIGKILL');
}
