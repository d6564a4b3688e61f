import { Settings } from '../../shared/api/app';
import type { SettingsRepository } from '../store/settings';

const defaults: Settings = { operatorName: null, simSpeed: 1 };
const key = 'app';

/** Ferry's user settings; listeners apply a change where it matters (the sim clock's speed...). */
export class SettingsService {
  private readonly listeners = new Set<(next: Settings, previous: Settings) => void>();

  constructor(private readonly repo: SettingsRepository) {}

  get(): Settings {
    const stored = Settings.partial().safeParse(this.repo.get(key) ?? {});
    return { ...defaults, ...(stored.success ? stored.data : {}) };
  }

  update(patch: Partial<Settings>): { next: Settings; previous: Settings } {
    const previous = this.get();
    const next = Settings.parse({ ...previous, ...patch });
    this.repo.set(key, next);
    for (const listener of this.listeners) listener(next, previous);
    return { next, previous };
  }

  onChange(listener: (next: Settings, previous: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
