// The main process's floors, from the ground up (see docs/architecture.md). Each floor may import
// only from the floors below it; rooms side by side (the two drivers) never import each other.
import { apartZones, floorZones } from './floors.mjs';

const main = (path) => `src/main/${path}`;
const libvirt = (path) => main(`drivers/libvirt/${path}`);
const engine = (path) => main(`engine/${path}`);

/** The runtimes: the contract below everything; main, preload and renderer never import each other. */
const runtimes = [
  ...floorZones('runtimes', [
    { layer: 'src/shared', paths: ['src/shared'] },
    { layer: 'main, preload and renderer', paths: ['src/main', 'src/preload', 'src/renderer'] },
  ]),
  ...apartZones('runtimes', [
    { layer: 'src/main', paths: ['src/main'] },
    { layer: 'src/preload', paths: ['src/preload'] },
    { layer: 'src/renderer', paths: ['src/renderer'] },
  ]),
];

/** The main process: plain Node up to app/, the shells on top. */
const house = floorZones('main', [
  { layer: 'base/', paths: [main('base')] },
  { layer: 'store/', paths: [main('store')] },
  { layer: 'drivers/', paths: [main('drivers')] },
  { layer: 'engine/', paths: [main('engine')] },
  { layer: 'operations/', paths: [main('operations')] },
  { layer: 'app/', paths: [main('app')] },
  {
    layer: 'the shells (ipc/, browser/, index.ts, browser-main.ts)',
    paths: [main('ipc'), main('browser'), main('index.ts'), main('browser-main.ts')],
  },
]);

const drivers = [
  ...floorZones('drivers', [
    { layer: 'drivers/driver.ts', paths: [main('drivers/driver.ts')] },
    { layer: 'drivers/sim and drivers/libvirt', paths: [main('drivers/sim'), main('drivers/libvirt')] },
  ]),
  ...apartZones('drivers', [
    { layer: 'drivers/sim', paths: [main('drivers/sim')] },
    { layer: 'drivers/libvirt', paths: [main('drivers/libvirt')] },
  ]),
  ...floorZones('libvirt', [
    { layer: 'libvirt/rpc', paths: [libvirt('rpc')] },
    { layer: 'libvirt/xml', paths: [libvirt('xml')] },
    { layer: 'libvirt/ids.ts', paths: [libvirt('ids.ts')] },
    { layer: 'libvirt/hosts', paths: [libvirt('hosts')] },
    { layer: 'libvirt/inventory', paths: [libvirt('inventory')] },
    { layer: 'libvirt/jobs', paths: [libvirt('jobs')] },
    { layer: 'libvirt-driver.ts', paths: [libvirt('libvirt-driver.ts')] },
  ]),
];

const engineFloors = floorZones('engine', [
  { layer: 'engine/fleet', paths: [engine('fleet')] },
  { layer: 'engine/planning', paths: [engine('planning')] },
  { layer: 'engine/run', paths: [engine('run')] },
  { layer: 'engine/engine.ts', paths: [engine('engine.ts')] },
]);

export const mainZones = [...runtimes, ...house, ...drivers, ...engineFloors];
