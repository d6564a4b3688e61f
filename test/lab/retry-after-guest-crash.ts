// Setup file of the lab suite: a lab test runs again once, and only, when a lab guest's kernel
// crashed while it ran (guest-crashes.ts says why that happens under TCG and is not Ferry's).
// Any other failure stands: the second attempt refuses to run and repeats the first one's error.
// Before every attempt the guests are brought back, so one crash never fails the tests after it.

import { existsSync } from 'node:fs';
import { beforeEach, onTestFailed } from 'vitest';
import { bringGuestsBack, guestCrashLines } from './guest-crashes';
import { labJsonPath, readLab } from './lab-env';

const crashesBefore = new Map<string, number>();
const firstFailure = new Map<string, string>();

beforeEach(async (context) => {
  const id = context.task.id;
  const retrying = (context.task.result?.retryCount ?? 0) > 0;
  // The benchmarks share this file; without a lab no guest can have crashed, so nothing runs twice.
  if (!existsSync(labJsonPath())) {
    if (retrying) throw new Error('not run again (no lab is up, so no lab guest crashed)');
    return;
  }
  const lab = readLab();
  if (retrying) {
    const crashes = guestCrashLines(lab);
    const fresh = crashes.slice(crashesBefore.get(id) ?? crashes.length);
    if (fresh.length === 0)
      throw new Error(
        `not run again (no lab guest crashed during the failed attempt); its failure stands:\n${firstFailure.get(id) ?? '?'}`,
      );
    process.stderr.write(`[lab] a guest kernel crashed during "${context.task.name}", so it runs once more:\n  ${fresh.join('\n  ')}\n`);
  }
  for (const done of await bringGuestsBack(lab)) process.stderr.write(`[lab] before "${context.task.name}": ${done}\n`);
  crashesBefore.set(id, guestCrashLines(lab).length);
  onTestFailed(({ task }) => {
    if (!firstFailure.has(id)) firstFailure.set(id, (task.result?.errors ?? []).map((e) => e.message).join('\n'));
  });
});
