// npm run bench [-- --smoke] [--no-build] [--compare FILE] [name filters]: runs bench/*.bench.ts, then
// prints one row per benchmark (name, value, unit, goal, ratio) and writes bench-results/bench.json;
// --compare FILE adds each row's value in an earlier bench.json and the change.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const compareAt = args.indexOf('--compare');
const compareFile = compareAt === -1 ? null : args[compareAt + 1];
if (compareAt !== -1 && (!compareFile || !existsSync(compareFile))) {
  console.error(`--compare needs an earlier bench.json: ${compareFile ?? '(none given)'} does not exist`);
  process.exit(2);
}
const smoke = args.includes('--smoke');
// Without --compare, compareAt + 1 is 0: the first filter must not be taken for its file.
const filters = args.filter((a, i) => !a.startsWith('--') && (compareAt === -1 || i !== compareAt + 1));
const before = compareFile ? new Map(JSON.parse(readFileSync(resolve(compareFile), 'utf8')).results.map((r) => [r.name, r])) : null;
const outDir = join(root, 'bench-results');
const lines = join(outDir, 'results.jsonl');
mkdirSync(outDir, { recursive: true });
rmSync(lines, { force: true });

// Some benchmarks drive the built app (the browser shell, the export workers): build first, unless the
// caller just did (npm test).
if (
  !args.includes('--no-build') &&
  spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0
)
  process.exit(1);

const report = join(outDir, 'vitest.json');
rmSync(report, { force: true });
const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
const run = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.mts', ...reporters, ...filters], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, BENCH_SIZE: smoke ? 'smoke' : 'full' },
});

const results = existsSync(lines)
  ? readFileSync(lines, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
const ratio = (r) => (r.goal === null || r.goal === 0 ? null : r.better === 'lower' ? r.value / r.goal : r.goal / r.value);
const rows = results.map((r) => ({ ...r, ratio: ratio(r) }));
const fmt = (n) => (n === null ? '—' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

/** The change against the earlier run, as a factor, said in the row's own direction (better or worse). */
function change(r) {
  const old = before?.get(r.name);
  if (!old || old.unit !== r.unit || old.value === 0) return '—';
  const factor = r.value / old.value;
  if (factor === 1) return 'same';
  const better = r.better === 'lower' ? factor < 1 : factor > 1;
  return `${fmt(factor)}× (${better ? 'better' : 'worse'})`;
}

const header = ['benchmark', 'value', 'unit', 'goal', 'ratio', ...(before ? ['before', 'change'] : [])];
const table = [
  header,
  ...rows.map((r) => [
    r.name,
    fmt(r.value),
    r.unit,
    r.goal === null ? '—' : `${r.better === 'lower' ? '≤' : '≥'} ${fmt(r.goal)}`,
    r.ratio === null ? '—' : `${fmt(r.ratio)}${r.ratio <= 1 ? '' : ' (over goal)'}`,
    ...(before ? [before.has(r.name) ? fmt(before.get(r.name).value) : 'new', change(r)] : []),
  ]),
];
const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
console.log(`\nFerry benchmarks (${smoke ? 'smoke size: proves they run, numbers not comparable to goals' : 'full size'})`);
if (compareFile) console.log(`compared with ${compareFile}`);
for (const row of table) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join('  '));
writeFileSync(
  join(outDir, 'bench.json'),
  `${JSON.stringify({ size: smoke ? 'smoke' : 'full', at: new Date().toISOString(), results: rows }, null, 2)}\n`,
);
console.log(`\nwritten: ${join('bench-results', 'bench.json')}`);
// The table is long: a failed benchmark is named after it, where a log's tail shows it.
if (run.status !== 0) spawnSync('node', [join(root, 'scripts', 'report-failures.mjs'), report], { cwd: root, stdio: 'inherit' });
// A filtered run may record nothing (the lab benchmark skips when the lab is down); a full run must record something.
process.exit(run.status === 0 && (rows.length > 0 || filters.length > 0) ? 0 : 1);
