import { Settings } from '../../shared/api/app';
import { Emitter } from '../base/emitter';
import type { AuditLog } from '../store/audit/audit-log';
import type { SettingsRepository } from '../store/settings';

const defaults: Settings = { operatorName: null, simSpeed: 1 };
const key = 'app';

/** Ferry's user settings; each change is audited, and announced so it takes effect (the sim clock's speed...). */
export class SettingsService {
  readonly changed = new Emitter<{ next: Settings; previous: Settings }>();

  constructor(
    private readonly repo: SettingsRepository,
    private readonly audit: AuditLog,
  ) {}

  get(): Settings {
    const stored = Settings.partial().safeParse(this.repo.get(key) ?? {});
    return { ...defaults, ...(stored.success ? stored.data : {}) };
  }

  /** An admin's change in the console: stored, audited, announced. */
  update(patch: Partial<Settings>, actor: string): Settings {
    const { next, previous } = this.store(patch);
    const changedKeys = (Object.keys(patch) as (keyof Settings)[]).filter((k) => previous[k] !== next[k]);
    if (changedKeys.length > 0)
      this.audit.append({
        actor,
        action: 'settings.changed',
        details: changedKeys.map((k) => `${k}: ${JSON.stringify(previous[k])} → ${JSON.stringify(next[k])}`).join('; '),
      });
    return next;
  }

  /** Options given on the command line at start (--sim-speed): stored like any setting; no one acted in the console. */
  applyStartOptions(patch: Partial<Settings>): void {
    this.store(patch);
  }

  private store(patch: Partial<Settings>): { next: Settings; previous: Settings } {
    const previous = this.get();
    const next = Settings.parse({ ...previous, ...patch });
    this.repo.set(key, next);
    this.changed.emit({ next, previous });
    return { next, previous };
  }
}
