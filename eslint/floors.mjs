// Floors as lint rules: each layer imports only from the layers below it. Every layer is one
// zone of import-x's no-restricted-paths, so a wrong import names the layer it broke.
import { fileURLToPath } from 'node:url';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** Zone paths are relative to the repository, wherever ESLint runs from. */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * One zone per floor: the floor may not import from any floor above it.
 * @param {string} house what the floors belong to (shown in messages)
 * @param {{ layer: string, paths: string[] }[]} floors from the ground floor up
 */
export function floorZones(house, floors) {
  return floors.slice(0, -1).map((floor, index) => {
    const above = floors.slice(index + 1);
    return {
      target: floor.paths,
      from: above.flatMap((f) => f.paths),
      message: `${house}: ${floor.layer} must not import from a floor above it (${above.map((f) => f.layer).join(', ')}).`,
    };
  });
}

/** Rooms on one floor that must not know each other. */
export function apartZones(house, rooms) {
  return rooms.flatMap((room) =>
    rooms
      .filter((other) => other !== room)
      .map((other) => ({
        target: room.paths,
        from: other.paths,
        message: `${house}: ${room.layer} and ${other.layer} stand side by side; neither imports the other.`,
      })),
  );
}

/** The one ESLint config that enforces every zone over the source tree. */
export function floorsConfig(zones) {
  return {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.json'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones, basePath: repoRoot }] },
  };
}
