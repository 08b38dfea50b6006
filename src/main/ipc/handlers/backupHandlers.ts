// Backups and restore, for administrators.
import type { BackupService } from '../../backup/backupService';
import type { HandlerMap } from '../dispatch';
import type { FilePort } from '../../services/ports';

type BackupChannels =
  'backups:list' | 'backups:create' | 'backups:chooseFolder' | 'backups:preview' | 'backups:restore';

const FOLDER_DIALOG_TITLE = {
  backups: 'Choose the backup folder',
  copies: 'Choose a second folder for copies of each backup',
};

export function backupHandlers(backups: BackupService, files: FilePort): Pick<HandlerMap, BackupChannels> {
  return {
    'backups:list': async () => ({
      folder: backups.folder(),
      copyFolder: backups.copyFolder(),
      lastCopy: backups.lastCopy(),
      restoreProblem: await backups.restoreProblem(),
      backups: backups.list(),
    }),
    'backups:create': () => backups.backupNow(),
    'backups:chooseFolder': async ({ purpose }) => ({
      folder: await files.chooseFolder(FOLDER_DIALOG_TITLE[purpose]),
    }),
    'backups:preview': ({ name }) => backups.preview(name),
    'backups:restore': ({ name }) => backups.restore(name),
  };
}
