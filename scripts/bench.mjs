// npm run bench [-- --smoke] [-- --no-build]: runs bench/*.bench.ts, then prints one row per benchmark
// (name, value, unit, goal, ratio) and writes bench-results/bench.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const outDir = join(root, 'bench-results');
const lines = join(outDir, 'results.jsonl');
mkdirSync(outDir, { recursive: true });
rmSync(lines, { force: true });

// Some benchmarks drive the built app (the browser shell, the export workers): build first, unless the
// caller just did (npm test).
if (
  !process.argv.includes('--no-build') &&
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
const table = [
  ['benchmark', 'value', 'unit', 'goal', 'ratio'],
  ...rows.map((r) => [
    r.name,
    fmt(r.value),
    r.unit,
    r.goal === null ? '—' : `${r.better === 'lower' ? '≤' : '≥'} ${fmt(r.goal)}`,
    r.ratio === null ? '—' : `${fmt(r.ratio)}${r.ratio <= 1 ? '' : ' (over goal)'}`,
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
console.log(`\nFerry benchmarks (${smoke ? 'smoke size: proves they run, numbers not comparable to goals' : 'full size'})`);
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
