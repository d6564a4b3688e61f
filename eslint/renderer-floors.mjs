// The renderer's floors, from the ground up (see docs/architecture.md).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apartZones, floorZones } from './floors.mjs';

const root = 'src/renderer/src';

/** Read at lint time, so a new feature folder is kept apart from the others without editing this file. */
const features = readdirSync(fileURLToPath(new URL(`../${root}/features`, import.meta.url)), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export const rendererZones = [
  // api talks to main; components present; state holds what many features share; features are the
  // screens; app composes them; main.tsx mounts app.
  ...floorZones('renderer', [
    { layer: 'api/', paths: [`${root}/api`] },
    { layer: 'components/', paths: [`${root}/components`] },
    { layer: 'state/', paths: [`${root}/state`] },
    { layer: 'features/', paths: [`${root}/features`] },
    { layer: 'app/', paths: [`${root}/app`] },
    { layer: 'main.tsx', paths: [`${root}/main.tsx`] },
  ]),
  // What two features share moves down to state/ or components/.
  ...apartZones(
    'renderer features',
    features.map((name) => ({ layer: `features/${name}`, paths: [`${root}/features/${name}`] })),
  ),
];
