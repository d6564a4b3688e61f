// node scripts/report-failures.mjs <vitest-json>...: names what failed, last in the log, so the tail
// of a CI log (often all that is kept) says which test broke and why.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const firstLines = (text, n) =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('node_modules/') && !line.includes('(<anonymous>)'))
    .slice(0, n)
    .join('\n      ');
const found = [];
for (const file of process.argv.slice(2).filter((f) => existsSync(f))) {
  const run = JSON.parse(readFileSync(file, 'utf8'));
  for (const suite of run.testResults) {
    const name = relative(process.cwd(), suite.name);
    const failed = suite.assertionResults.filter((t) => t.status === 'failed');
    for (const test of failed) found.push(`${name} > ${test.fullName}\n      ${firstLines(test.failureMessages.join('\n'), 6)}`);
    // A file that failed outside its tests (an import, a hook) has no failed test to name.
    if (suite.status === 'failed' && failed.length === 0) found.push(`${name}\n      ${firstLines(suite.message || 'failed', 6)}`);
  }
}
if (found.length > 0) console.error(`\nFAILED (${found.length}):\n${found.map((f) => `  - ${f}`).join('\n')}`);
