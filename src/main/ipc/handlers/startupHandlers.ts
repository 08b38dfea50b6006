// The screens before the database opens. The recovery code: checked, and when right the database opens.
// The damaged database: what is wrong, the newest backup that checks out (or one the person picks, e.g.
// from the backup drive), and a restore that runs at the next start, after the damaged file is kept
// aside. Nothing is written to the damaged database.
import path from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import type { AuditKey } from '../../audit/auditChain';
import { backupOffer, latestGoodBackup, type BackupOffer } from '../../backup/damagedStart';
import { scheduleRestore } from '../../backup/restore';
import type { DbKey } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import type { DataPaths } from '../../db/paths';
import type { FilePort } from '../../services/ports';
import type { SessionStatus } from '../../../shared/auth/authViews';
import type { SettledKey, settleDbKey } from '../../security/startupKey';
import type { HandlerMap } from '../dispatch';

export function recoveryCodeHandlers(deps: {
  /** Settles the key with the code typed (checksum first, then tried on the file). */
  settle: (code: string) => ReturnType<typeof settleDbKey>;
  /** Opens the database with the settled key; the status of what now runs. */
  open: (settled: SettledKey) => SessionStatus | Promise<SessionStatus>;
}): Pick<HandlerMap, 'session:recover'> {
  return {
    'session:recover': async ({ code }) => {
      const settled = await deps.settle(code);
      if ('problem' in settled) throw new AppError('validation', settled.problem, 'code');
      return deps.open(settled);
    },
  };
}

export function damagedStartHandlers(deps: {
  paths: DataPaths;
  keys: readonly DbKey[];
  /** Checks the trail of a backup before it is offered (a trail cut short or rewritten is refused). */
  auditKey: AuditKey;
  now: () => Date;
  /** What the checks reported, in words a person can act on. */
  problem: string;
  files: Pick<FilePort, 'chooseFile'>;
  /** Restarts the app; the restore runs before the database opens again. */
  restart: () => void;
}): Pick<HandlerMap, 'startup:damage' | 'startup:chooseBackup' | 'startup:restore'> {
  const latest = MIGRATIONS.at(-1)!.version;
  // Only a backup this screen checked and showed may be restored.
  const offered = new Set<string>();
  const offer = (file: string): BackupOffer => {
    const found = backupOffer(file, deps.keys, deps.auditKey, latest);
    offered.add(found.file);
    return found;
  };
  return {
    'startup:damage': () => {
      const good = latestGoodBackup(deps.paths, deps.keys, deps.auditKey, latest);
      return {
        problem: deps.problem,
        offer: good ? offer(path.join(deps.paths.backupDir, good.name)) : null,
      };
    },
    'startup:chooseBackup': async () => {
      const file = await deps.files.chooseFile('Choose a VerifyDesk backup', ['sqlite']);
      if (file === null) return { offer: null };
      try {
        return { offer: offer(file) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new AppError('validation', `That file cannot be restored (${reason}). Choose another backup.`);
      }
    },
    'startup:restore': ({ file }) => {
      if (!offered.has(file)) throw new AppError('validation', 'Choose a backup on this screen first.');
      scheduleRestore(deps.paths, file, deps.keys, deps.auditKey, latest, deps.now());
      deps.restart();
      return { restarting: true as const };
    },
  };
}
