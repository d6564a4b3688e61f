import { afterEach, beforeEach, expect, it } from 'vitest';
import { commandNames } from '../../src/shared/api';
import { DownloadRegistry } from '../../src/main/browser/downloads';
import type { Logger } from '../../src/main/base/logger';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createRouter } from '../../src/main/ipc/router';
import { useServices } from '../helpers/services';
import { formatReport, fuzzCommands, totals } from './command-fuzz';
import { saveReport } from './report-file';
import { fuzzSettings } from './settings';

const describeError = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

// Anything that escapes a handler as an unhandled rejection or exception is a crash of the main process.
const escaped: string[] = [];
const onEscape = (error: unknown): void => void escaped.push(describeError(error));
beforeEach(() => {
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
});
afterEach(() => {
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
});

const start = useServices();

it('answers every command, whatever its payload, with a valid result or a typed error, and the audit chain stays intact', async () => {
  const { seed, runs } = fuzzSettings(100);
  const logged: string[] = [];
  // Only the latest lines: a finding needs its own stack, and a long run must not hoard the log.
  const keep = (line: string): void => void (logged.push(line) > 20 && logged.shift());
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (m, e) => keep(`${m}: ${describeError(e)}`) };
  // A fresh data folder on the tiny simulated datacenter: the commands that migrate and change state really do.
  const { services, clock } = await start({ preset: 'tiny', logger, exportSink: new DownloadRegistry() });
  const router = createRouter(createHandlers(services), { checkResponses: true, log: (m, e) => keep(`${m}: ${describeError(e)}`) });
  const invoke = (name: unknown, payload: unknown) => router.dispatch(name, payload, { actor: 'fuzzer', shell: 'electron' });

  const report = await fuzzCommands({
    invoke,
    seed,
    runsPerCommand: runs,
    json: false,
    between: () => clock.advance(1_000),
    takeLog: () => logged.splice(0).join('\n'),
    onAnswer: process.env.FERRY_FUZZ_DEBUG
      ? (name, origin, _payload, answer) => {
          if (origin === 'valid' && !answer.ok)
            console.log('DBG', name, answer.error.code, JSON.stringify(answer.error.details ?? answer.error.message).slice(0, 300));
        }
      : undefined,
  });
  const text = formatReport(report, 'commands in process (structured clone, as Electron IPC carries them)');
  console.log(text);
  saveReport('commands', text);

  expect(report.findings.map((f) => `${f.kind} in ${f.command}: ${f.message} ← ${f.payload}`)).toEqual([]);
  expect(escaped).toEqual([]);
  expect(totals(report).calls).toBeGreaterThanOrEqual(commandNames.length * runs);
  // The generators get past validation: every command ran its handler, not only the schema (a
  // statistical check: it holds from about 50 calls per command, the default is 100).
  const neverReached = commandNames.filter((name) => (report.tallies[name]?.reachedHandler ?? 0) === 0);
  if (runs >= 50) expect(neverReached).toEqual([]);
  const verified = await invoke('audit.verify', {});
  expect(verified).toMatchObject({ ok: true, value: { ok: true, reason: null } });
  expect((await invoke('inventory.snapshot', {})).ok).toBe(true);
});
