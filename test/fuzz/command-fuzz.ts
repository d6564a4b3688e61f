import fc from 'fast-check';
import { z } from 'zod';
import { commandNames, commands, ErrorCode, type CommandName, type Envelope } from '../../src/shared/api';
import { arbitraryFor, type JsonSchema, type Pools } from './gen/from-schema';
import { asJson, hostileKey, hostileValue } from './gen/hostile';
import { mutationOf } from './gen/mutate';
import { derivedSeed, describePayload } from './settings';
import { ClosedAsTooBig, refreshPools, type Invoke } from './world';

export type Origin = 'valid' | 'mutated' | 'scratch';

export interface CommandTally {
  calls: number;
  valid: number;
  typedErrors: number;
  /** Calls that got past validation (a result, or an error other than VALIDATION_FAILED). */
  reachedHandler: number;
  crashes: number;
  /** Time spent answering, in milliseconds. */
  ms: number;
  codes: Partial<Record<ErrorCode, number>>;
}

export interface Finding {
  command: string;
  kind: 'internal-error' | 'untyped-answer' | 'invalid-result' | 'threw' | 'no-answer';
  origin: Origin;
  payload: string;
  message: string;
  /** What the console logged for it (the stack of an internal error). */
  log: string;
}

export interface FuzzOptions {
  invoke: Invoke;
  seed: number;
  runsPerCommand: number;
  /** JSON only (the WebSocket), or anything structured clone carries (Electron IPC). */
  json: boolean;
  /** Between chunks: let time pass (a virtual clock) so migrations and schedules move. */
  between?: () => Promise<void>;
  /** Errors the console logged since the last call, cleared by reading. */
  takeLog: () => string;
  chunk?: number;
  timeoutMs?: number;
  /** Sees every answer (to tune the generators). */
  onAnswer?: (name: unknown, origin: Origin, payload: unknown, answer: Envelope<unknown>) => void;
}

export interface FuzzReport {
  seed: number;
  tallies: Record<string, CommandTally>;
  findings: Finding[];
}

const requestSchemas = new Map(
  commandNames.map((name) => [name, z.toJSONSchema(commands[name].request, { io: 'input', unrepresentable: 'any' }) as JsonSchema]),
);

/** A payload of each kind: valid as far as the schema says, a valid one broken a little, or anything at all. */
export const payloadFor = (name: CommandName, pools: Pools): fc.Arbitrary<{ origin: Origin; payload: unknown }> => {
  const valid = arbitraryFor(requestSchemas.get(name) as JsonSchema, pools);
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((payload) => ({ origin: 'valid' as const, payload })) },
    { weight: 5, arbitrary: mutationOf(valid).map((payload) => ({ origin: 'mutated' as const, payload })) },
    { weight: 2, arbitrary: hostileValue.map((payload) => ({ origin: 'scratch' as const, payload })) },
  );
};

const unknownNames = fc.oneof(hostileKey, hostileValue, fc.constantFrom('Object', 'app.info ', 'APP.INFO', 'app', '__defineGetter__'));

const emptyTally = (): CommandTally => ({
  calls: 0,
  valid: 0,
  typedErrors: 0,
  reachedHandler: 0,
  crashes: 0,
  ms: 0,
  codes: {},
});

/**
 * Calls every command of the contract with generated payloads, round-robin so each command meets the
 * state the others leave, and sorts every answer: a valid result, a typed error, or a finding.
 */
export async function fuzzCommands(options: FuzzOptions): Promise<FuzzReport> {
  const pools: Pools = new Map();
  const tallies: Record<string, CommandTally> = Object.fromEntries([...commandNames, '(unknown names)'].map((n) => [n, emptyTally()]));
  const findings: Finding[] = [];
  const chunk = options.chunk ?? 25;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let betweenMs = 0;

  async function call(tallyName: string, name: unknown, origin: Origin, raw: unknown): Promise<void> {
    const payload = options.json ? asJson(raw) : raw;
    const tally = tallies[tallyName] as CommandTally;
    tally.calls++;
    const finding = (kind: Finding['kind'], message: string): void => {
      tally.crashes++;
      findings.push({ command: tallyName, kind, origin, payload: describePayload(payload), message, log: options.takeLog() });
    };
    let timer: NodeJS.Timeout | undefined;
    const started = performance.now();
    try {
      const answer = await Promise.race([
        options.invoke(name, payload),
        new Promise<'no-answer'>((resolve) => (timer = setTimeout(() => resolve('no-answer'), timeoutMs))),
      ]);
      if (answer === 'no-answer') return finding('no-answer', `no answer in ${timeoutMs} ms`);
      options.onAnswer?.(name, origin, payload, answer);
      if (answer.ok) {
        const spec = commands[name as CommandName];
        const checked = spec.response.safeParse(answer.value);
        if (!checked.success) return finding('invalid-result', checked.error.message.slice(0, 500));
        tally.valid++;
        tally.reachedHandler++;
        return;
      }
      const code = ErrorCode.safeParse(answer.error?.code);
      if (!code.success) return finding('untyped-answer', describePayload(answer.error));
      // INTERNAL is a handler throwing something it did not mean to: a crash the router caught.
      if (code.data === 'INTERNAL') return finding('internal-error', answer.error.message);
      tally.typedErrors++;
      tally.codes[code.data] = (tally.codes[code.data] ?? 0) + 1;
      if (code.data !== 'VALIDATION_FAILED' && code.data !== 'UNKNOWN_COMMAND') tally.reachedHandler++;
    } catch (error) {
      if (error instanceof ClosedAsTooBig) return void tally.typedErrors++;
      finding('threw', error instanceof Error ? (error.stack ?? error.message) : String(error));
    } finally {
      tally.ms += performance.now() - started;
      clearTimeout(timer);
    }
  }

  for (let start = 0, round = 0; start < options.runsPerCommand; start += chunk, round++) {
    await refreshPools(options.invoke, pools);
    const size = Math.min(chunk, options.runsPerCommand - start);
    const batches = commandNames.map((name) => ({
      name,
      payloads: fc.sample(payloadFor(name, pools), { seed: derivedSeed(options.seed, name, round), numRuns: size }),
    }));
    const strangers = fc.sample(fc.tuple(unknownNames, hostileValue), { seed: derivedSeed(options.seed, 'unknown', round), numRuns: 2 });
    for (let i = 0; i < size; i++) {
      for (const { name, payloads } of batches) {
        const generated = payloads[i] as { origin: Origin; payload: unknown };
        await call(name, name, generated.origin, generated.payload);
      }
    }
    for (const [name, payload] of strangers) await call('(unknown names)', name, 'scratch', payload);
    const before = performance.now();
    await options.between?.();
    betweenMs += performance.now() - before;
  }
  options.onAnswer?.('(between chunks)', 'valid', betweenMs, { ok: true, value: null });
  return { seed: options.seed, tallies, findings };
}

/** Totals over every command. */
export function totals(report: FuzzReport): CommandTally {
  const sum = emptyTally();
  for (const t of Object.values(report.tallies)) {
    sum.calls += t.calls;
    sum.valid += t.valid;
    sum.typedErrors += t.typedErrors;
    sum.reachedHandler += t.reachedHandler;
    sum.crashes += t.crashes;
  }
  return sum;
}

/** One line per command, then the findings: what a test prints and the bench records. */
export function formatReport(report: FuzzReport, label: string): string {
  const rows = Object.entries(report.tallies).map(
    ([name, t]) =>
      `${name.padEnd(28)} ${String(t.calls).padStart(6)} calls ${String(t.valid).padStart(6)} valid ${String(t.typedErrors).padStart(6)} typed errors ${String(t.reachedHandler).padStart(6)} reached the handler ${t.crashes} crashes ${Math.round(t.ms)} ms`,
  );
  const sum = totals(report);
  const found = report.findings.map(
    (f, i) =>
      `#${i + 1} ${f.kind} in ${f.command} (${f.origin}): ${f.message}\n  payload: ${f.payload}${f.log ? `\n  log: ${f.log.slice(0, 1500)}` : ''}`,
  );
  return [
    `${label}: seed ${report.seed} (replay with FERRY_FUZZ_SEED=${report.seed})`,
    ...rows,
    `total: ${sum.calls} calls, ${sum.valid} valid results, ${sum.typedErrors} typed errors, ${sum.reachedHandler} reached a handler, ${sum.crashes} crashes`,
    ...found,
  ].join('\n');
}
