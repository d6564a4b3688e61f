import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { version } from '../../package.json';
import { defaultDataDir } from './base/data-dir';
import { createLogger } from './base/logger';
import { installLastResort } from './base/last-resort';
import { openConsole } from './app/console';
import { parseShellArgs, usage, UsageError } from './browser/cli';
import { DownloadRegistry } from './browser/downloads';
import { newToken } from './browser/guard';
import { hasDisplay, openBrowser } from './browser/open-browser';
import { startBrowserShell } from './browser/server';
import { createHandlers } from './ipc/handlers';
import { createRouter } from './ipc/router';

/** Composition root of the browser shell: the same services as Electron, served to a browser. */
async function main(argv: string[]): Promise<void> {
  const args = parseShellArgs(argv);
  const dataDir = resolve(args.dataDir ?? defaultDataDir());
  const logger = createLogger();
  const downloads = new DownloadRegistry();
  const opened = await openConsole(
    {
      dataDir,
      shell: 'browser',
      version,
      osUser: userInfo().username,
      preset: args.preset ?? undefined,
      logger,
      exportSink: downloads,
      auditWorkerScript: join(__dirname, 'audit-export-worker.js'),
    },
    (services) => (args.simSpeed !== null ? services.settings.applyStartOptions({ simSpeed: args.simSpeed }) : undefined),
  );
  const { services } = opened;
  const shell = await startBrowserShell({
    router: createRouter(createHandlers(services), { log: (m, e) => logger.error(m, e) }),
    hub: services.hub,
    downloads,
    rendererDir: join(__dirname, '../renderer'),
    token: newToken(),
    port: args.port,
    context: () => ({ actor: services.actorFor(), shell: 'browser' }),
    log: (m, e) => logger.error(m, e),
  });
  // The printed URL carries the token for this user's terminal; the browser opens a one-time link
  // instead, handed over in a private file, so no token is ever on a command line.
  process.stdout.write(`Ferry console: ${shell.url}\n`);
  if (args.open && hasDisplay()) openBrowser(shell.bootstrapUrl());

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping: closing the console and its database');
    await shell.close();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

// A last resort, never a way out: an exception or a rejection nobody handled is a bug to log, and
// the console (and the migrations it drives) keeps running.
installLastResort(createLogger());

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n${usage}\n`);
    process.exit(2);
  }
  process.stderr.write(`Ferry could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
