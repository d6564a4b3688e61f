// The main process's floors, from the ground up (see docs/architecture.md).
import { apartZones, floorZones } from './floors.mjs';

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

export const mainZones = [...runtimes];
