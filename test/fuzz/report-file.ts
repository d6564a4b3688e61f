import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Writes a fuzz report to test-results/fuzz/, where CI keeps it beside the screenshots. */
export function saveReport(name: string, text: string): string {
  const dir = resolve(__dirname, '../../test-results/fuzz');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.txt`);
  writeFileSync(file, `${text}\n`);
  return file;
}
