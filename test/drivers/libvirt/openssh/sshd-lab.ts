// Real OpenSSH for the SSH integration test, all in one temp folder: two sshd on 127.0.0.1 with
// throwaway host keys (the first also serves as a ProxyJump host), an ssh-agent holding the only
// user key, and a fake libvirtd on a unix socket reached through a netcat stand-in. Only the
// processes started here are stopped, by their ids; the folder is removed.
// As root, sshd insists on its privilege-separation directory /run/sshd: it gets a private
// tmpfs /run in its own mount namespace (unshare), so nothing outside the temp folder changes.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fingerprintOfPublicKeyLine } from '../../../../src/main/drivers/libvirt/hosts/ssh-host-key';
import { FakeHost } from '../fake-host';

export const SSHD = '/usr/sbin/sshd';

export interface Sshd {
  readonly port: number;
  /** `ssh-ed25519 AAAA…` */
  readonly publicKey: string;
  /** `SHA256:…` */
  readonly fingerprint: string;
  /** Its second host key, ECDSA: ssh2 prefers ED25519 unless told known_hosts lists only this one. */
  readonly ecdsaPublicKey: string;
  readonly ecdsaFingerprint: string;
  readonly logFile: string;
}

export class SshdLab {
  readonly dir = mkdtempSync(join(tmpdir(), 'ferry-sshd-'));
  readonly user = userInfo().username;
  readonly agentSocket = join(this.dir, 'agent.sock');
  readonly libvirtSocket = join(this.dir, 'libvirt.sock');
  readonly netcat = join(this.dir, 'fake-nc');
  readonly host = new FakeHost('7a3c0e52-0d4b-4c1e-9a51-5e0fd1e3c0de', 'ssh-lab-host');
  readonly sshds: Sshd[] = [];
  private readonly processes: ChildProcess[] = [];
  private libvirtd: Server | null = null;

  /** The only key sshd accepts (the agent holds it; a test may copy it into a home). */
  get userKeyFile(): string {
    return join(this.dir, 'user');
  }

  /** The URI query that makes the remote side bridge to the fake libvirtd. */
  get query(): string {
    return `proxy=netcat&netcat=${encodeURIComponent(this.netcat)}&socket=${encodeURIComponent(this.libvirtSocket)}`;
  }

  async start(): Promise<void> {
    this.keygen('user');
    writeFileSync(join(this.dir, 'authorized_keys'), readFileSync(join(this.dir, 'user.pub')));
    this.writeNetcat();
    this.libvirtd = createServer((socket) => this.host.serve(socket));
    await new Promise<void>((resolve) => this.libvirtd!.listen(this.libvirtSocket, resolve));
    for (const name of ['sshd1', 'sshd2']) this.sshds.push(await this.startSshd(name));
    await this.startAgent();
  }

  /** A home folder of its own (`.ssh/config`, `.ssh/known_hosts`), inside the lab folder. */
  home(name: string, files: { config?: string; knownHosts?: string; hashKnownHosts?: boolean }): string {
    const home = join(this.dir, 'homes', name);
    mkdirSync(join(home, '.ssh'), { recursive: true });
    if (files.config !== undefined) writeFileSync(join(home, '.ssh', 'config'), files.config);
    if (files.knownHosts !== undefined) {
      const path = join(home, '.ssh', 'known_hosts');
      writeFileSync(path, files.knownHosts);
      // Hashed by OpenSSH itself, so the matcher is checked against the real format.
      if (files.hashKnownHosts) execFileSync('ssh-keygen', ['-q', '-H', '-f', path], { stdio: 'ignore' });
    }
    return home;
  }

  /** A known_hosts line for one of the sshds, as ssh writes it for a non-default port. */
  knownHostsLine(sshd: Sshd, key = sshd.publicKey): string {
    return `[127.0.0.1]:${sshd.port} ${key}\n`;
  }

  async close(): Promise<void> {
    for (const child of this.processes.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
    this.host.dropConnections();
    await new Promise((resolve) => (this.libvirtd ? this.libvirtd.close(resolve) : resolve(null)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private keygen(name: string, type = 'ed25519'): string {
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', name, '-f', join(this.dir, name)], { stdio: 'ignore' });
    return readFileSync(join(this.dir, `${name}.pub`), 'utf8')
      .split(' ')
      .slice(0, 2)
      .join(' ');
  }

  private writeNetcat(): void {
    // `nc -U socket` for the remote helper, bridged by Node; the helper's `nc -q` probe gets a
    // plain failure from sh, sparing a Node start per login.
    const bridge = `${this.netcat}.js`;
    writeFileSync(
      bridge,
      `const s = require('node:net').connect(process.argv[2]);
process.stdin.pipe(s);
s.pipe(process.stdout);
s.on('close', () => process.exit(0));
s.on('error', () => process.exit(2));
`,
    );
    writeFileSync(this.netcat, `#!/bin/sh\n[ "$1" = -U ] && exec '${process.execPath}' '${bridge}' "$2"\nexit 1\n`);
    chmodSync(this.netcat, 0o755);
  }

  private async startSshd(name: string): Promise<Sshd> {
    const publicKey = this.keygen(name);
    const ecdsaPublicKey = this.keygen(`${name}_ecdsa`, 'ecdsa');
    const port = await freePort();
    const logFile = join(this.dir, `${name}.log`);
    const config = join(this.dir, `${name}_config`);
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(this.dir, name)}`,
        `HostKey ${join(this.dir, `${name}_ecdsa`)}`,
        `AuthorizedKeysFile ${join(this.dir, 'authorized_keys')}`,
        'StrictModes no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'PidFile none',
        'PermitRootLogin prohibit-password',
        'AllowTcpForwarding yes',
        // bash run by sshd reads ~/.bashrc unless it is a nested shell: a slow rc (pyenv, nvm…)
        // would cost seconds per login, and the remote helper needs none of it.
        'SetEnv SHLVL=1',
        'LogLevel DEBUG1', // logs each forwarded connection: the proof a login went through the jump host
        '',
      ].join('\n'),
    );
    const args = ['-D', '-f', config, '-E', logFile];
    const child =
      process.getuid?.() === 0
        ? spawn(
            'unshare',
            [
              '--mount',
              '--propagation',
              'private',
              '--',
              'sh',
              '-c',
              `mount -t tmpfs tmpfs /run && mkdir -m 755 /run/sshd && exec ${SSHD} "$@"`,
              'sshd',
              ...args,
            ],
            { stdio: 'ignore' },
          )
        : spawn(SSHD, args, { stdio: 'ignore' });
    this.processes.push(child);
    await waitFor(async () => (await banner(port)).startsWith('SSH-2.0-'), `${name} on port ${port} (log: ${logFile})`, child);
    return {
      port,
      publicKey,
      fingerprint: `SHA256:${fingerprintOfPublicKeyLine(publicKey)}`,
      ecdsaPublicKey,
      ecdsaFingerprint: `SHA256:${fingerprintOfPublicKeyLine(ecdsaPublicKey)}`,
      logFile,
    };
  }

  private async startAgent(): Promise<void> {
    const child = spawn('ssh-agent', ['-D', '-a', this.agentSocket], { stdio: 'ignore' });
    this.processes.push(child);
    await waitFor(async () => existsSync(this.agentSocket), 'ssh-agent', child);
    execFileSync('ssh-add', ['-q', join(this.dir, 'user')], { env: { ...process.env, SSH_AUTH_SOCK: this.agentSocket }, stdio: 'ignore' });
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function banner(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (data) => {
      resolve(data.toString('latin1'));
      socket.destroy();
    });
    socket.once('error', () => resolve(''));
  });
}

async function waitFor(ready: () => Promise<boolean>, what: string, child: ChildProcess): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 5_000;) {
    if (await ready()) return;
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before it was ready`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not start within 5 s`);
}
