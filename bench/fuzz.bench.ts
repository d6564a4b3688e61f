import { it } from 'vitest';
import type { Logger } from '../src/main/base/logger';
import { DownloadRegistry } from '../src/main/browser/downloads';
import { createHandlers } from '../src/main/ipc/handlers';
import { createRouter } from '../src/main/ipc/router';
import { ConsoleApp } from '../test/e2e/console-app';
import { formatReport, fuzzCommands, totals } from '../test/fuzz/command-fuzz';
import type { ShellTarget } from '../test/fuzz/gen/http';
import { saveReport } from '../test/fuzz/report-file';
import { fuzzSettings } from '../test/fuzz/settings';
import { formatShellTally, frameGarbage, httpGarbage, webSocketGarbage, type ShellTally } from '../test/fuzz/shell-fuzz';
import { useServices } from '../test/helpers/services';
import { record, size } from './harness';

const { seed, runs } = fuzzSettings(size(100, 5));
const start = useServices();
const describeError = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

/** Every command of the contract with generated payloads, in process: the counts per command. */
it('fuzzes every command', async () => {
  const logged: string[] = [];
  // Only the latest lines: a finding needs its own stack, and a long run must not hoard the log.
  const keep = (line: string): void => void (logged.push(line) > 20 && logged.shift());
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (m, e) => keep(`${m}: ${describeError(e)}`) };
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
  });
  const verify = await invoke('audit.verify', {});
  saveReport('bench-commands', formatReport(report, 'bench: commands in process'));
  for (const [name, t] of Object.entries(report.tallies))
    record({
      name: `fuzz ${name}`,
      value: t.calls,
      unit: `calls: ${t.valid} valid, ${t.typedErrors} typed errors, ${t.reachedHandler} reached the handler, ${t.crashes} crashes`,
      goal: null,
      better: 'higher',
    });
  const sum = totals(report);
  const note = `seed ${seed}`;
  record({ name: 'fuzz commands: calls', value: sum.calls, unit: 'calls', goal: null, better: 'higher', note });
  record({ name: 'fuzz commands: valid results', value: sum.valid, unit: 'results', goal: null, better: 'higher', note });
  record({ name: 'fuzz commands: typed errors', value: sum.typedErrors, unit: 'errors', goal: null, better: 'higher', note });
  record({ name: 'fuzz commands: crashes', value: sum.crashes, unit: 'crashes', goal: 0, better: 'lower', note });
  record({
    name: 'fuzz commands: audit Verify after',
    value: verify.ok && (verify.value as { ok: boolean }).ok ? 1 : 0,
    unit: '1 = green',
    goal: 1,
    better: 'higher',
    note,
  });
});

/** Raw HTTP, WebSocket messages and raw frames at the built browser shell: how each was answered. */
it('throws garbage at the browser shell', async () => {
  const app = new ConsoleApp({ preset: 'demo' });
  try {
    const url = new URL(await app.start());
    const target: ShellTarget = { port: Number(url.port), token: url.searchParams.get('token') as string };
    const alive = (): boolean => app.pid !== null;
    const runs: [string, ShellTally][] = [
      ['raw HTTP requests', await httpGarbage(target, seed, size(5000, 20), alive)],
      ['WebSocket messages', await webSocketGarbage(target, seed, size(2000, 10), alive)],
      ['WebSocket frames', await frameGarbage(target, seed, size(300, 5), alive)],
    ];
    saveReport('bench-browser-shell', runs.map(([label, t]) => formatShellTally(label, t)).join('\n'));
    for (const [label, t] of runs)
      record({
        name: `fuzz browser shell: ${label}`,
        value: t.sent,
        unit: `sent; ${t.findings.length} findings`,
        goal: null,
        better: 'higher',
        note: `seed ${seed}`,
      });
    const page = alive() ? await fetch(`http://127.0.0.1:${target.port}/?token=${target.token}`).then((r) => r.status) : 0;
    record({ name: 'fuzz browser shell: crashes', value: alive() && page === 200 ? 0 : 1, unit: 'crashes', goal: 0, better: 'lower' });
  } finally {
    await app.dispose();
  }
});
