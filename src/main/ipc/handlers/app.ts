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
    'settings.update': (patch, context) => {
      const { next, previous } = services.settings.update(patch);
      const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter((key) => previous[key] !== next[key]);
      if (changed.length > 0) services.audit.append({ actor: context.actor, action: 'settings.changed', details: changed.map((key) => `${key}: ${JSON.stringify(previous[key])} → ${JSON.stringify(next[key])}`).join('; ') });
      return next;
    },
  };
}
