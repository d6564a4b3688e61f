import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Each case lints one wrong import, as if written in a file on that floor (the file need not exist;
// what it imports must, so the resolver finds it). At least one case per zone of eslint/main-floors.mjs.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const rule = 'import-x/no-restricted-paths';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function floorErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

const main = 'src/main';
const libvirt = `${main}/drivers/libvirt`;

describe('main floors', () => {
  it.each([
    // The runtimes.
    [
      'src/shared imports main',
      'src/shared/__fixture__.ts',
      "export { realClock } from '../main/base/clock/clock';",
      'runtimes: src/shared must not import',
    ],
    [
      'the renderer imports main',
      'src/renderer/src/__fixture__.ts',
      "export { realClock } from '../../main/base/clock/clock';",
      'src/renderer and src/main stand side by side',
    ],
    ['main imports the preload', `${main}/__fixture__.ts`, "import '../preload/index';", 'src/main and src/preload stand side by side'],
    [
      'main imports the renderer',
      `${main}/__fixture__.ts`,
      "export { api } from '../renderer/src/api/client';",
      'src/main and src/renderer stand side by side',
    ],
    [
      'the preload imports main',
      'src/preload/__fixture__.ts',
      "export { realClock } from '../main/base/clock/clock';",
      'src/preload and src/main stand side by side',
    ],
    [
      'the preload imports the renderer',
      'src/preload/__fixture__.ts',
      "export { api } from '../renderer/src/api/client';",
      'src/preload and src/renderer stand side by side',
    ],
    [
      'the renderer imports the preload',
      'src/renderer/src/__fixture__.ts',
      "import '../../preload/index';",
      'src/renderer and src/preload stand side by side',
    ],
    // The floors of main.
    [
      'base imports store',
      `${main}/base/__fixture__.ts`,
      "export { openDatabase } from '../store/database';",
      'main: base/ must not import',
    ],
    [
      'store imports a driver',
      `${main}/store/__fixture__.ts`,
      "export { DriverError } from '../drivers/driver';",
      'main: store/ must not import',
    ],
    [
      'a driver imports the engine',
      `${main}/drivers/__fixture__.ts`,
      "export { MigrationEngine } from '../engine/engine';",
      'main: drivers/ must not import',
    ],
    [
      'the engine imports operations',
      `${main}/engine/__fixture__.ts`,
      "export { Scheduler } from '../operations/scheduler';",
      'main: engine/ must not import',
    ],
    [
      'operations import app',
      `${main}/operations/__fixture__.ts`,
      "export { Services } from '../app/services';",
      'main: operations/ must not import',
    ],
    [
      'app imports the IPC shell',
      `${main}/app/__fixture__.ts`,
      "export { createRouter } from '../ipc/router';",
      'main: app/ must not import',
    ],
    // The drivers: the interface below both, the two side by side.
    [
      'the driver interface imports the sim',
      `${main}/drivers/driver.ts`,
      "export { SimDriver } from './sim/sim-driver';",
      'drivers: drivers/driver.ts must not import',
    ],
    [
      'the sim imports libvirt',
      `${main}/drivers/sim/__fixture__.ts`,
      "export { LibvirtDriver } from '../libvirt/libvirt-driver';",
      'drivers/sim and drivers/libvirt stand side by side',
    ],
    [
      'libvirt imports the sim',
      `${libvirt}/__fixture__.ts`,
      "export { SimDriver } from '../sim/sim-driver';",
      'drivers/libvirt and drivers/sim stand side by side',
    ],
    // Inside libvirt.
    [
      'rpc imports xml',
      `${libvirt}/rpc/__fixture__.ts`,
      "export { parseDomain } from '../xml/domain';",
      'libvirt: libvirt/rpc must not import',
    ],
    ['xml imports the ids', `${libvirt}/xml/__fixture__.ts`, "export { hostIdOf } from '../ids';", 'libvirt: libvirt/xml must not import'],
    [
      'the ids import hosts',
      `${libvirt}/ids.ts`,
      "export { HostRegistry } from './hosts/host-registry';",
      'libvirt: libvirt/ids.ts must not import',
    ],
    [
      'hosts import inventory',
      `${libvirt}/hosts/__fixture__.ts`,
      "export { InventoryReader } from '../inventory/inventory-reader';",
      'libvirt: libvirt/hosts must not import',
    ],
    [
      'inventory imports jobs',
      `${libvirt}/inventory/__fixture__.ts`,
      "export { locateVm } from '../jobs/placement';",
      'libvirt: libvirt/inventory must not import',
    ],
    [
      'jobs import the driver',
      `${libvirt}/jobs/__fixture__.ts`,
      "export { LibvirtDriver } from '../libvirt-driver';",
      'libvirt: libvirt/jobs must not import',
    ],
    // Inside the engine.
    [
      'the fleet imports planning',
      `${main}/engine/fleet/__fixture__.ts`,
      "export { precheck } from '../planning/prechecks';",
      'engine: engine/fleet must not import',
    ],
    [
      'planning imports a run',
      `${main}/engine/planning/__fixture__.ts`,
      "export { runMigration } from '../run/runner';",
      'engine: engine/planning must not import',
    ],
    [
      'a run imports the engine',
      `${main}/engine/run/__fixture__.ts`,
      "export { MigrationEngine } from '../engine';",
      'engine: engine/run must not import',
    ],
  ])('fails when %s', async (_case, file, code, floor) => {
    const errors = await floorErrors(file, code);
    expect(errors).toEqual([expect.stringContaining(floor)]);
  });

  it('lets each floor import downwards', async () => {
    const cases: [string, string][] = [
      [
        `${main}/engine/run/__fixture__.ts`,
        "export { precheck } from '../planning/prechecks';\nexport { Fleet } from '../fleet/fleet';\nexport { DriverError } from '../../drivers/driver';\nexport { openDatabase } from '../../store/database';\nexport { realClock } from '../../base/clock/clock';\nexport { ErrorCode } from '../../../shared/api/errors';",
      ],
      [
        `${libvirt}/jobs/__fixture__.ts`,
        "export { readHostSnapshot } from '../inventory/host-inventory';\nexport { HostRegistry } from '../hosts/host-registry';\nexport { parseDomain } from '../xml/domain';\nexport { hostIdOf } from '../ids';\nexport { LibvirtError } from '../rpc';",
      ],
      [`${main}/ipc/__fixture__.ts`, "export { Services } from '../app/services';\nexport { Scheduler } from '../operations/scheduler';"],
    ];
    for (const [file, code] of cases) expect(await floorErrors(file, code)).toEqual([]);
  });
});
