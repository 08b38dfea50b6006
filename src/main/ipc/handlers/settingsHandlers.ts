import type { SettingsService } from '../../services/settingsService';
import type { HandlerMap } from '../dispatch';

export function settingsHandlers(
  settings: SettingsService,
): Pick<HandlerMap, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => settings.refresh(),
    'settings:update': (patch) => settings.update(patch),
  };
}
