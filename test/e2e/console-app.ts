import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = resolve(__dirname, '../..');
export const artifactsDir = join(root, 'test-results');

export interface ConsoleOptions {
  preset?: 'demo' | 'tiny' | 'large';
  simSpeed?: number;
  dataDir?: string;
}

/** The built browser shell in a child process, with a fresh data folder unless one is given. */
export class ConsoleApp {
  readonly dataDir: string;
  private child: ChildProcess | null = null;
  private ownsDataDir: boolean;
  url = '';
  /** Everything the console wrote to stderr, across restarts. */
  stderr = '';

  constructor(private readonly options: ConsoleOptions = {}) {
    this.ownsDataDir = !options.dataDir;
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ferry-e2e-'));
  }

  /**
   * `port`: the same one again, as an admin restarting it would; by default any free one.
   * `clockAhead` (e.g. '+5m'): the console runs under libfaketime that far ahead of the real clock,
   * as after a suspend: the product sees its wall clock jump, with no hook of its own.
   */
  async start(port = 0, clockAhead?: string): Promise<string> {
    const args = [
      join(root, 'out/main/browser.js'),
      '--no-open',
      '--port',
      String(port),
      '--data-dir',
      this.dataDir,
      '--preset',
      this.options.preset ?? 'demo',
    ];
    if (this.options.simSpeed) args.push('--sim-speed', String(this.options.simSpeed));
    // libfaketime preloaded into the console itself (the faketime wrapper would stand between it and stop()).
    const env = clockAhead ? { ...process.env, LD_PRELOAD: libfaketime(), FAKETIME: clockAhead } : process.env;
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
      this.stderr += String(d);
    });
    this.url = await new Promise<string>((resolveUrl, reject) => {
      let out = '';
      child.stdout?.on('data', (d) => {
        out += String(d);
        const match = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
        if (match) resolveUrl(match[0]);
      });
      child.once('exit', (code) => reject(new Error(`console exited with ${code}: ${stderr}`)));
    });
    return this.url;
  }

  /** The console's PID while it runs. */
  get pid(): number | null {
    return this.child?.exitCode === null ? (this.child.pid ?? null) : null;
  }

  /** kill -9, as a crash or the OOM killer would: no cleanup of any kind. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }

  /** Ctrl-C (or a service manager's SIGTERM), as a user would stop it; resolves with the exit code. */
  async stop(signal: 'SIGINT' | 'SIGTERM' = 'SIGINT'): Promise<number | null> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill(signal);
    return exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Debian's libfaketime (package faketime, in scripts/system-deps.sh) for this machine's architecture. */
function libfaketime(): string {
  const triplet = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  const path = `/usr/lib/${triplet}/faketime/libfaketime.so.1`;
  if (!existsSync(path)) throw new Error(`${path} is missing: install the Debian package faketime (scripts/system-deps.sh)`);
  return path;
}

/** Debian's Chromium driven by playwright-core: headless, no network chatter, a fresh profile (Playwright makes one per launch). */
/**
 * Debian's Chromium, headless. `scrollbars`: drawn as a desktop draws them (15 px wide on Linux, as in
 * the Electron window); headless Playwright hides them by default, so a layout test that must count
 * their width asks for them.
 */
export async function launchChromium(options: { scrollbars?: boolean } = {}): Promise<{ browser: Browser; dispose: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ...(options.scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return { browser, dispose: () => browser.close() };
}

/** Collects console errors and page errors, which every test asserts are absent. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(join(artifactsDir, 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(artifactsDir, 'screenshots', `${name}.png`) });
}
