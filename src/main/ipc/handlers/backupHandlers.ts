// Backups and restore, for administrators.
import type { BackupService } from '../../backup/backupService';
import type { HandlerMap } from '../dispatch';

type BackupChannels = 'backups:list' | 'backups:create' | 'backups:preview' | 'backups:restore';

export function backupHandlers(backups: BackupService): Pick<HandlerMap, BackupChannels> {
  return {
    'backups:list': () => ({ folder: backups.folder(), backups: backups.list() }),
    'backups:create': () => backups.backupNow(),
    'backups:preview': ({ name }) => backups.preview(name),
    'backups:restore': ({ name }) => backups.restore(name),
  };
}
