import type { PresetName } from '../../src/main/drivers/sim/presets';

/** The soak's size, from FERRY_SOAK_*: npm run soak takes the defaults (a week on the large preset), npm test a short run. */
export interface SoakSettings {
  preset: PresetName;
  /** Simulated days; may be fractional. */
  days: number;
  /** Scales the schedules (1,000 at 1) and the peak of concurrent migrations (200 at 1). */
  scale: number;
  seed: number;
}

const number = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${raw}`);
  return value;
};

export function soakSettings(): SoakSettings {
  const preset = (process.env.FERRY_SOAK_PRESET ?? 'large') as PresetName;
  if (!['demo', 'tiny', 'large'].includes(preset)) throw new Error(`FERRY_SOAK_PRESET: demo, tiny or large, not ${preset}`);
  return { preset, days: number('FERRY_SOAK_DAYS', 7), scale: number('FERRY_SOAK_SCALE', 1), seed: number('FERRY_SOAK_SEED', 20261126) };
}
