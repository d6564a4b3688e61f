// The whole kill matrix as figures: kill -9 in every phase of every kind, on the simulated datacenter
// and (when the lab is up) on real libvirt hosts, with the specials only real hosts have. Per backend:
// scenarios run, VMs lost, VMs doubled, leaks (all must be 0) and the median recovery time after a
// restart. `npm test` runs a representative part as assertions (test/crash, test/lab); this is all of it.
// Smoke size runs one scenario per backend, to prove the bench still runs.

import { it } from 'vitest';
import { runSimScenario, simScenarios, type KillResult } from '../test/crash/kill-matrix';
import { homeAll, labFullMatrix, labScenarios, runLabScenario } from '../test/lab/kill-matrix';
import { LabConsole } from '../test/lab/lab-console';
import { readLab } from '../test/lab/lab-env';
import { record, smoke } from './harness';
import { labUnavailable } from './lab/lab-gate';

const note = (line: string): void => void process.stdout.write(`[bench kill-matrix] ${line}\n`);

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A scenario that threw is counted as run and as a failure to keep the promise, never dropped. */
async function attempt(name: string, body: () => Promise<KillResult>): Promise<KillResult> {
  try {
    return await body();
  } catch (error) {
    note(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return {
      name,
      outcome: 'failed',
      lost: true,
      doubled: false,
      leaks: ['the scenario itself failed'],
      finishedRecords: 0,
      outcomeTrue: false,
      retried: null,
      recoveryMs: 0,
      unhandled: [],
    };
  }
}

function report(backend: string, results: KillResult[]): void {
  for (const r of results)
    note(
      `${r.name}: ${r.outcome}${r.killedIn ? ` (killed in ${r.killedIn})` : ''}, recovered in ${r.recoveryMs} ms` +
        `${r.lost ? ', LOST' : ''}${r.doubled ? ', DOUBLED' : ''}${r.leaks.length ? `, leaks: ${r.leaks.join('; ')}` : ''}` +
        `${r.finishedRecords !== 1 ? `, ${r.finishedRecords} finished records` : ''}${r.outcomeTrue ? '' : ', outcome untrue'}` +
        `${r.retried !== 'completed' ? `, retry ${r.retried}` : ''}`,
    );
  const recoveries = results.filter((r) => r.recoveryMs > 0).map((r) => r.recoveryMs);
  const row = (what: string, value: number, unit: string, goal: number | null) =>
    record({ name: `kill matrix ${backend}: ${what}`, value, unit, goal, better: 'lower' });
  record({ name: `kill matrix ${backend}: scenarios run`, value: results.length, unit: 'scenarios', goal: null, better: 'higher' });
  row('VMs lost', results.filter((r) => r.lost).length, 'VMs', 0);
  row('VMs doubled', results.filter((r) => r.doubled).length, 'VMs', 0);
  row(
    'leaks',
    results.reduce((n, r) => n + r.leaks.length, 0),
    'leftovers',
    0,
  );
  row(
    'promises broken (audit, outcome, retry)',
    results.filter((r) => r.finishedRecords !== 1 || !r.outcomeTrue || r.retried !== 'completed').length,
    'scenarios',
    0,
  );
  row('median recovery after restart', median(recoveries) ?? 0, 'ms', null);
}

it('kill matrix on the simulated datacenter', async () => {
  const scenarios = smoke ? simScenarios.slice(0, 1) : simScenarios;
  const results: KillResult[] = [];
  for (const s of scenarios) results.push(await attempt(s.name, () => runSimScenario(s)));
  report('sim', results);
});

it('kill matrix on the libvirt lab', async () => {
  const why = labUnavailable();
  if (why) return note(`lab scenarios not run: ${why}`);
  const lab = readLab();
  const console = await LabConsole.open(lab, 25);
  const results: KillResult[] = [];
  try {
    await homeAll(lab, console);
    for (const s of smoke ? labScenarios.slice(1, 2) : labFullMatrix) {
      results.push(await attempt(s.name, () => runLabScenario(lab, console, s)));
      await homeAll(lab, console);
    }
  } finally {
    await console.close();
  }
  report('libvirt lab', results);
}, 7_200_000);
