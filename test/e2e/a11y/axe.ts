import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

/** Runs axe-core in the page (injected once per document) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  // Strings, not functions: the test side is compiled without the DOM's types.
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate<AxeResult>(`axe.run(document, { resultTypes: ['violations'] })`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 6).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`),
    }));
}
