// Which office database this computer uses: a small file in the user's profile (beside the key file),
// with the server's details in clear and the password and the office key wrapped by the operating
// system's protected storage, like the database key. No file: this computer keeps its own data.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import {
  officeServerSchema,
  type OfficeDatabaseSettings,
  type OfficeServer,
} from '../../../shared/settings/officeDatabase';
import { auditKeyFrom, type AuditKey } from '../../audit/auditChain';
import { writeFileAtomically } from '../../files/writeFileAtomically';
import type { KeyProtector } from '../../security/dbKey';

/** Its name in the user's profile folder. */
export const OFFICE_CONNECTION_FILE = 'verifydesk-office-database.json';

const fileSchema = z.strictObject({
  version: z.literal(1),
  server: officeServerSchema,
  password: z.base64(),
  officeKey: z.strictObject({ keyId: z.string().regex(/^[0-9a-f]{16}$/), wrapped: z.base64() }),
  /** ISO instant and the administrator who chose this database. */
  savedAt: z.string(),
  savedBy: z.string(),
});

export interface SavedOfficeConnection {
  settings: OfficeDatabaseSettings;
  /** The key every desk signs the office's one audit trail with. */
  officeKey: AuditKey;
  savedAt: string;
  savedBy: string;
}

/** What Settings shows of the choice: the server's details, when and by whom; no secret unwrapped. */
export interface ChosenOfficeDatabase {
  server: OfficeServer;
  savedAt: string;
  savedBy: string;
}

export interface OfficeConnectionFile {
  /** Where the file is, for messages. */
  readonly where: string;
  /** The choice without its secrets; null when this computer keeps its own data. Throws when unreadable. */
  chosen(): ChosenOfficeDatabase | null;
  /** The saved connection, password and office key unwrapped, to open it. */
  read(): Promise<SavedOfficeConnection | null>;
  save(connection: SavedOfficeConnection): Promise<void>;
  /** This computer goes back to its own data at the next start. */
  forget(): void;
}

export function officeConnectionFile(filePath: string, protector: KeyProtector): OfficeConnectionFile {
  const wrap = async (secret: string) => (await protector.wrap(secret)).toString('base64');
  const unwrap = async (wrapped: string) => (await protector.unwrap(Buffer.from(wrapped, 'base64'))).secret;
  const readFile = (): z.infer<typeof fileSchema> | null => {
    if (!existsSync(filePath)) return null;
    let parsed;
    try {
      parsed = fileSchema.safeParse(JSON.parse(readFileSync(filePath, 'utf8')));
    } catch {
      parsed = null;
    }
    if (!parsed?.success)
      throw new Error(
        `The office database settings (${filePath}) cannot be read. An administrator can remove that file to use this computer's own data, then choose the office database again in Settings.`,
      );
    return parsed.data;
  };
  return {
    where: filePath,
    chosen() {
      const file = readFile();
      return file && { server: file.server, savedAt: file.savedAt, savedBy: file.savedBy };
    },
    async read() {
      const file = readFile();
      if (!file) return null;
      const officeKey = auditKeyFrom(Buffer.from(await unwrap(file.officeKey.wrapped), 'hex'));
      if (officeKey.id !== file.officeKey.keyId)
        throw new Error(
          `The office key kept in ${filePath} does not match its name: choose the office database again.`,
        );
      return {
        settings: { ...file.server, password: await unwrap(file.password) },
        officeKey,
        savedAt: file.savedAt,
        savedBy: file.savedBy,
      };
    },
    async save(connection) {
      const { password, ...server } = connection.settings;
      const unavailable = await protector.unavailableReason();
      if (unavailable) throw new Error(unavailable);
      const file: z.infer<typeof fileSchema> = {
        version: 1,
        server,
        password: await wrap(password),
        officeKey: {
          keyId: connection.officeKey.id,
          wrapped: await wrap(connection.officeKey.key.toString('hex')),
        },
        savedAt: connection.savedAt,
        savedBy: connection.savedBy,
      };
      writeFileAtomically(filePath, `${JSON.stringify(file, null, 2)}\n`);
    },
    forget() {
      rmSync(filePath, { force: true });
    },
  };
}
