// Starts a throw-away libvirtd for integration tests, isolated from any other libvirtd on the
// machine: a private mount namespace (`unshare -m --propagation private`) bind-mounts temp
// copies over /etc/libvirt, /var and /run, and patched /etc/passwd and /etc/group that add the
// `libvirt-qemu` user Debian's daemon insists on (only inside the namespace; the host is not
// touched). The unix socket lives in the temp dir, reachable from the test by path.

import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateLibvirtd {
  readonly dir: string;
  readonly socketPath: string;
  /** qemu+unix URI of this daemon's read-write socket. */
  readonly uri: string;
  readonly pid: number;
  log(): string;
  stop(): Promise<void>;
}

const LIBVIRTD = '/usr/sbin/libvirtd';

function withUser(file: string, line: string, name: string): string {
  const text = readFileSync(file, 'utf8');
  return text.split('\n').some((l) => l.startsWith(`${name}:`)) ? text : `${text.trimEnd()}\n${line}\n`;
}

function writeConfig(dir: string): void {
  const etc = join(dir, 'etc');
  for (const sub of ['etc', 'sock', 'run', 'var/lib/libvirt', 'var/cache/libvirt', 'var/log/libvirt'])
    mkdirSync(join(dir, sub), { recursive: true });
  symlinkSync('/run', join(dir, 'var/run')); // /var/run is a symlink to /run on Debian
  writeFileSync(
    join(etc, 'libvirtd.conf'),
    [
      `unix_sock_dir = "${join(dir, 'sock')}"`,
      'auth_unix_rw = "none"',
      'auth_unix_ro = "none"',
      'unix_sock_rw_perms = "0700"',
      `host_uuid = "${randomUUID()}"`,
      // Short keepalive so the test sees the daemon's own pings within a second or two.
      'keepalive_interval = 1',
      'keepalive_count = 5',
      `log_outputs = "3:file:${join(dir, 'libvirtd.log')}"`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(etc, 'qemu.conf'),
    [
      'user = "root"',
      'group = "root"',
      'security_driver = "none"',
      'cgroup_controllers = [ ]',
      'namespaces = [ ]',
      'stdio_handler = "file"',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'passwd'),
    withUser('/etc/passwd', 'libvirt-qemu:x:64055:64055:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin', 'libvirt-qemu'),
  );
  const group = withUser('/etc/group', 'libvirt-qemu:x:64055:', 'libvirt-qemu');
  writeFileSync(
    join(dir, 'group'),
    group.split('\n').some((l) => l.startsWith('libvirt:')) ? group : `${group.trimEnd()}\nlibvirt:x:64056:\n`,
  );
}

async function waitForFile(path: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (child.exitCode !== null) throw new Error(`libvirtd exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`libvirtd did not create ${path} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function killPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export async function startPrivateLibvirtd(): Promise<PrivateLibvirtd> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-libvirtd-'));
  writeConfig(dir);
  const mounts = [
    `mount --bind ${dir}/etc /etc/libvirt`,
    `mount --bind ${dir}/var /var`,
    `mount --bind ${dir}/run /run`,
    `mount --bind ${dir}/passwd /etc/passwd`,
    `mount --bind ${dir}/group /etc/group`,
  ].join(' && ');
  const output = openSync(join(dir, 'stdout.log'), 'a');
  // `exec` keeps one PID from unshare to libvirtd, so the PID we hold is the daemon's.
  const child = spawn(
    'unshare',
    [
      '-m',
      '--propagation',
      'private',
      'sh',
      '-c',
      `${mounts} && exec ${LIBVIRTD} --config ${dir}/etc/libvirtd.conf --pid-file ${dir}/libvirtd.pid`,
    ],
    { stdio: ['ignore', output, output] },
  );
  closeSync(output); // the child holds its own copy
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const socketPath = join(dir, 'sock', 'libvirt-sock');

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      killPid(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && killPid(child.pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    // libvirtd leaves guests running when it stops: kill QEMUs it started for us, by their pid files.
    const qemuRun = join(dir, 'run', 'libvirt', 'qemu');
    if (existsSync(qemuRun)) {
      for (const file of readdirSync(qemuRun).filter((f) => f.endsWith('.pid') && f !== 'driver.pid')) {
        const pid = Number(readFileSync(join(qemuRun, file), 'utf8').trim());
        if (Number.isInteger(pid) && pid > 1) killPid(pid, 'SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForFile(socketPath, child, 15_000);
  } catch (error) {
    const log = existsSync(join(dir, 'stdout.log')) ? readFileSync(join(dir, 'stdout.log'), 'utf8') : '';
    await stop();
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
  return {
    dir,
    socketPath,
    uri: `qemu+unix:///system?socket=${socketPath}`,
    pid: child.pid!,
    log: () => (existsSync(join(dir, 'libvirtd.log')) ? readFileSync(join(dir, 'libvirtd.log'), 'utf8') : ''),
    stop,
  };
}
