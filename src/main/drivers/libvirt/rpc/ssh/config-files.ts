// Reading ssh_config files the way ssh does: the user's, then the system's, each with its
// `Include`s expanded in place (relative paths from ~/.ssh, resp. /etc/ssh; `*` and `?` in the
// last component), and known_hosts files, where a missing file simply lists nothing.

import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { matchesPattern } from './host-patterns';
import { parseKnownHosts, type KnownHostLine } from './known-hosts';
import { parseSshConfig, type SshConfigLine } from './ssh-config';
import type { OpenSshEnvironment } from './openssh-environment';

const MAX_INCLUDE_DEPTH = 16; // OpenSSH's READCONF_MAX_DEPTH

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function expandTilde(path: string, homeDir: string): string {
  return path.replace(/^~(?=\/|$)/, homeDir);
}

async function globLastComponent(path: string): Promise<string[]> {
  const name = basename(path);
  if (!/[*?]/.test(name)) return [path];
  const entries = await readdir(dirname(path)).catch(() => [] as string[]);
  return entries
    .filter((entry) => matchesPattern(entry, name))
    .sort()
    .map((entry) => join(dirname(path), entry));
}

async function readConfig(path: string, baseDir: string, env: OpenSshEnvironment, depth: number): Promise<SshConfigLine[]> {
  const text = await readIfPresent(path);
  if (text === null) return [];
  const lines: SshConfigLine[] = [];
  for (const line of parseSshConfig(text)) {
    if (line.keyword !== 'include') {
      lines.push(line);
      continue;
    }
    if (depth >= MAX_INCLUDE_DEPTH) throw new Error(`ssh_config: Include nested deeper than ${MAX_INCLUDE_DEPTH} in ${path}`);
    for (const arg of line.args) {
      const expanded = expandTilde(arg, env.homeDir);
      const absolute = isAbsolute(expanded) ? expanded : join(baseDir, expanded);
      for (const file of await globLastComponent(absolute)) lines.push(...(await readConfig(file, baseDir, env, depth + 1)));
    }
  }
  return lines;
}

/** The user's ssh_config, then the system's: one list, first value wins. */
export async function loadSshConfig(env: OpenSshEnvironment): Promise<SshConfigLine[]> {
  const userDir = join(env.homeDir, '.ssh');
  const user = await readConfig(join(userDir, 'config'), userDir, env, 0);
  const system = env.systemConfigFile ? await readConfig(env.systemConfigFile, dirname(env.systemConfigFile), env, 0) : [];
  // A system file's lines must not sit inside the user's last Host block.
  return system.length > 0 ? [...user, { keyword: 'host', args: ['*'] }, ...system] : user;
}

export async function loadKnownHosts(files: readonly string[]): Promise<KnownHostLine[]> {
  const lines: KnownHostLine[] = [];
  for (const file of files) lines.push(...parseKnownHosts((await readIfPresent(file)) ?? ''));
  return lines;
}
