import type { AppInfo } from '../../../shared/api/app';
import type { SettingsService } from '../../operations/settings-service';
import type { Handlers } from '../router';

export function appHandlers(
  info: Omit<AppInfo, 'actor'>,
  settings: SettingsService,
): Pick<Handlers, 'app.info' | 'settings.get' | 'settings.update'> {
  return {
    'app.info': (_request, context) => ({ ...info, actor: context.actor }),
    'settings.get': () => settings.get(),
    'settings.update': (patch, context) => settings.update(patch, context.actor),
  };
}
