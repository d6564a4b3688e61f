import { spawn as spawnProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when a desktop session can show a browser window. */
export function hasDisplay(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  return platform === 'darwin' || platform === 'win32' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export interface OpenBrowserOptions {
  platform?: NodeJS.Platform;
  /** A private folder for the forwarding page; by default a new one under the temporary folder. */
  dir?: string;
  spawn?: (command: string, args: string[]) => void;
}

/** How long the forwarding page stays on disk: its link is dead after a minute anyway. */
const PAGE_LIFETIME_MS = 120_000;

/**
 * Opens the default browser, detached, on a one-time link without putting the link on any command
 * line (other local users can read those in /proc): the opener gets the path of a page, readable
 * by this user only, that forwards to it. A failure only means the user opens the printed URL.
 */
export function openBrowser(link: string, options: OpenBrowserOptions = {}): void {
  const platform = options.platform ?? process.platform;
  try {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ferry-open-'));
    const page = join(dir, 'open-ferry.html');
    const href = link.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    writeFileSync(page, `<!doctype html><meta http-equiv="refresh" content="0;url=${href}"><title>Ferry</title>\n`, { mode: 0o600 });
    setTimeout(() => rmSync(options.dir ? page : dir, { recursive: true, force: true }), PAGE_LIFETIME_MS).unref();
    const [command, args] =
      platform === 'darwin' ? ['open', [page]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', page]] : ['xdg-open', [page]];
    (options.spawn ?? spawnDetached)(command as string, args as string[]);
  } catch {
    // The URL is printed; nothing else to do.
  }
}

function spawnDetached(command: string, args: string[]): void {
  const child = spawnProcess(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
