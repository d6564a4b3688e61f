import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { BridgeClient } from '../e2e/bridge-client';
import { ConsoleApp } from '../e2e/console-app';
import { formatReport, fuzzCommands } from './command-fuzz';
import { saveReport } from './report-file';
import { fuzzSettings } from './settings';
import { bridgeInvoker, formatShellTally, frameGarbage, httpGarbage, webSocketGarbage } from './shell-fuzz';
import type { ShellTarget } from './gen/http';

// The built browser shell (npm run build) on a fresh data folder and the demo datacenter.
const app = new ConsoleApp({ preset: 'demo' });
let target: ShellTarget;
const { seed, runs } = fuzzSettings(60);
const alive = (): boolean => app.pid !== null;
const report: string[] = [];
// What the console wrote to stderr before the current test: each test answers for its own lines.
let stderrSeen = 0;

beforeEach(() => {
  stderrSeen = app.stderr.length;
});

beforeAll(async () => {
  const url = new URL(await app.start());
  target = { port: Number(url.port), token: url.searchParams.get('token') as string };
  console.log(`browser shell fuzz: seed ${seed} (replay with FERRY_FUZZ_SEED=${seed})`);
});
afterAll(async () => {
  saveReport('browser-shell', [`seed ${seed}`, ...report, '--- console stderr ---', app.stderr].join('\n'));
  await app.dispose();
});

/** The console still serves the page and answers the bridge, and wrote no unhandled rejection. */
async function expectServing(): Promise<void> {
  expect(alive()).toBe(true);
  const page = await fetch(`http://127.0.0.1:${target.port}/?token=${target.token}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<html');
  const client = await BridgeClient.connect(`http://127.0.0.1:${target.port}/?token=${target.token}`);
  try {
    expect((await client.invoke('app.info', {})).version).toBeTruthy();
  } finally {
    client.close();
  }
  expect(app.stderr.slice(stderrSeen)).not.toMatch(/unhandled|uncaught/i);
}

it('answers raw HTTP garbage with a status or a close, and keeps serving', async () => {
  const tally = await httpGarbage(target, seed, runs * 10, alive);
  report.push(formatShellTally('raw HTTP', tally));
  console.log(report.at(-1));
  expect(tally.findings).toEqual([]);
  expect(tally.sent).toBeGreaterThan(runs * 5);
  await expectServing();
});

it('answers WebSocket garbage with a typed error or a close, and keeps serving', async () => {
  const tally = await webSocketGarbage(target, seed, runs * 3, alive);
  report.push(formatShellTally('WebSocket messages', tally));
  console.log(report.at(-1));
  expect(tally.findings).toEqual([]);
  await expectServing();
});

it('survives malformed WebSocket frames', async () => {
  const tally = await frameGarbage(target, seed, runs, alive);
  report.push(formatShellTally('WebSocket frames', tally));
  console.log(report.at(-1));
  expect(tally.findings).toEqual([]);
  await expectServing();
});

it('answers every command over the bridge (JSON) with a valid result or a typed error, and the audit chain stays intact', async () => {
  const bridge = await bridgeInvoker(target);
  let seen = app.stderr.length;
  const commands = await fuzzCommands({
    invoke: bridge.invoke,
    seed,
    runsPerCommand: Math.ceil(runs / 4),
    json: true,
    takeLog: () => {
      const lines = app.stderr.slice(seen);
      seen = app.stderr.length;
      return lines;
    },
  });
  bridge.close();
  report.push(formatReport(commands, 'commands over the WebSocket bridge (JSON)'));
  console.log(report.at(-1));
  expect(commands.findings.map((f) => `${f.kind} in ${f.command}: ${f.message} ← ${f.payload}`)).toEqual([]);
  await expectServing();
  const client = await BridgeClient.connect(`http://127.0.0.1:${target.port}/?token=${target.token}`);
  try {
    expect(await client.invoke('audit.verify', {})).toMatchObject({ ok: true, reason: null });
  } finally {
    client.close();
  }
});
