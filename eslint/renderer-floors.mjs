// The renderer's floors, from the ground up (see docs/architecture.md).
export const rendererZones = [];
