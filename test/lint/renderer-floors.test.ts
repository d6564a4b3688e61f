import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Each case lints one wrong import, as if written in a file on that floor (the file need not exist;
// what it imports must, so the resolver finds it).
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const renderer = 'src/renderer/src';
const rule = 'import-x/no-restricted-paths';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function floorErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${renderer}/${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('renderer floors', () => {
  it.each([
    [
      'api imports components',
      'api/__fixture__.ts',
      "import { formatBytes } from '../components/format';\nexport const size = formatBytes(1);",
      'renderer: api/ must not import',
    ],
    [
      'components import state',
      'components/__fixture__.tsx',
      "export { useInventory } from '../state/inventory-store';",
      'renderer: components/ must not import',
    ],
    [
      'state imports a feature',
      'state/__fixture__.tsx',
      "export { TasksView } from '../features/tasks/TasksView';",
      'renderer: state/ must not import',
    ],
    [
      'a feature imports app/',
      'features/tasks/__fixture__.tsx',
      "export { App } from '../../app/App';",
      'renderer: features/ must not import',
    ],
    ['app imports main.tsx', 'app/__fixture__.tsx', "import '../main';", 'renderer: app/ must not import'],
    [
      'a feature imports another feature',
      'features/summary/__fixture__.tsx',
      "export { TasksView } from '../tasks/TasksView';",
      'features/summary and features/tasks stand side by side',
    ],
  ])('fails when %s', async (_case, file, code, floor) => {
    const errors = await floorErrors(file, code);
    expect(errors).toEqual([expect.stringContaining(floor)]);
  });

  it('lets a feature import downwards and from itself', async () => {
    const code = [
      "export type { Task } from '../../../../shared/model/migration';",
      "export { api } from '../../api/client';",
      "export { ErrorAlert } from '../../components/ErrorAlert';",
      "export { useTasks } from '../../state/tasks-store';",
      "export { TasksView } from './TasksView';",
    ].join('\n');
    expect(await floorErrors('features/tasks/__fixture__.tsx', code)).toEqual([]);
  });

  it('keeps every feature folder apart from the others, new ones included', async () => {
    const config = (await eslint.calculateConfigForFile(`${renderer}/features/__fixture__.tsx`)) as {
      rules: Record<string, [unknown, { zones: { target: string[]; from: string[] }[] }]>;
    };
    const zones = config.rules[rule]?.[1].zones ?? [];
    const features = readdirSync(`${repoRoot}/${renderer}/features`, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `${renderer}/features/${e.name}`);
    for (const room of features) {
      const kept = zones.filter((z) => z.target.includes(room)).flatMap((z) => z.from);
      expect(kept.sort()).toEqual(features.filter((other) => other !== room).sort());
    }
  });
});
