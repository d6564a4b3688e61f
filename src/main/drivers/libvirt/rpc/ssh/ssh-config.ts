// The part of ssh_config(5) Ferry follows: `Host` blocks (patterns with `*`, `?`, `!`), and
// HostName, User, Port, IdentityFile, IdentitiesOnly, ProxyJump, UserKnownHostsFile,
// GlobalKnownHostsFile; `Include` is expanded by the loader. As in OpenSSH, the first value
// obtained for a keyword wins (IdentityFile accumulates), so specific blocks go first.
// `Match` blocks are not evaluated (only `Match all`): their lines never apply, never run commands.

import { matchesPatternList } from './host-patterns';

export interface SshConfigLine {
  /** Lower-cased keyword. */
  readonly keyword: string;
  readonly args: readonly string[];
}

export interface SshConfigValues {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  identitiesOnly?: boolean;
  proxyJump?: string;
  userKnownHostsFiles?: string[];
  globalKnownHostsFiles?: string[];
}

/** Splits `Keyword value…` / `Keyword=value`, honouring double quotes; drops comments and blanks. */
export function parseSshConfig(text: string): SshConfigLine[] {
  const lines: SshConfigLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!match) continue;
    lines.push({ keyword: match[1]!.toLowerCase(), args: splitArgs(match[2]!) });
  }
  return lines;
}

function splitArgs(text: string): string[] {
  const args: string[] = [];
  const word = /"([^"]*)"|(\S+)/g;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    if (m[2]?.startsWith('#')) break;
    args.push(m[1] ?? m[2]!);
  }
  return args;
}

/** The effective values for `host` (the name as given, before HostName), first value wins. */
export function resolveSshConfig(lines: readonly SshConfigLine[], host: string): SshConfigValues {
  const values: SshConfigValues = { identityFiles: [] };
  let active = true; // lines before the first Host apply to every host
  for (const { keyword, args } of lines) {
    if (keyword === 'host') {
      active = matchesPatternList(host, args);
      continue;
    }
    if (keyword === 'match') {
      active = args.length === 1 && args[0]!.toLowerCase() === 'all';
      continue;
    }
    if (active) apply(values, keyword, args);
  }
  return values;
}

function apply(values: SshConfigValues, keyword: string, args: readonly string[]): void {
  const first = args[0];
  if (first === undefined) return;
  switch (keyword) {
    case 'hostname':
      values.hostName ??= first;
      return;
    case 'user':
      values.user ??= first;
      return;
    case 'port': {
      const port = Number(first);
      if (values.port === undefined && Number.isInteger(port) && port > 0 && port < 65536) values.port = port;
      return;
    }
    case 'identityfile':
      values.identityFiles.push(first);
      return;
    case 'identitiesonly':
      values.identitiesOnly ??= first.toLowerCase() === 'yes';
      return;
    case 'proxyjump':
      values.proxyJump ??= first;
      return;
    case 'userknownhostsfile':
      values.userKnownHostsFiles ??= [...args];
      return;
    case 'globalknownhostsfile':
      values.globalKnownHostsFiles ??= [...args];
      return;
    default:
      return;
  }
}
