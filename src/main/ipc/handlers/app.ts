import type { Services } from '../../app/services';
import type { Handlers } from '../router';

export function appHandlers(services: Services): Pick<Handlers, 'app.info' | 'settings.get' | 'settings.update'> {
  return {
    'app.info': (_request, context) => ({
      version: services.options.version,
      shell: services.options.shell,
      dataDir: services.options.dataDir,
      actor: context.actor,
    }),
    'settings.get': () => services.settings.get(),
    'settings.update': (patch) => services.settings.update(patch).next,
  };
}
