// At every start of a computer that uses the office database: open it with the saved settings, the way
// "Use this office database" checked it. A failure says what is wrong in the connection check's words.
import type { AppDb } from '../appDb';
import { DatabaseOpenError } from '../connection';
import { officeConnection } from './checkOfficeDatabase';
import { connectionProblem } from './connectionProblem';
import type { SavedOfficeConnection } from './officeConnectionFile';
import { openOfficeDatabase } from './openOfficeDatabase';
import { describeConnection, INSUFFICIENT_PRIVILEGE } from './pgAppDb';

export class OfficeDatabaseUnavailable extends Error {
  override name = 'OfficeDatabaseUnavailable';
}

export async function openChosenOfficeDatabase(
  saved: SavedOfficeConnection,
  now: () => Date,
  /** This computer's name: the server lists each desk's connections under it. */
  workstation: string,
): Promise<AppDb> {
  try {
    const opened = await openOfficeDatabase(officeConnection(saved.settings), now, saved.officeKey, {
      applicationName: `VerifyDesk on ${workstation}`.slice(0, 63),
    });
    return opened.db;
  } catch (error) {
    // A newer schema, or a trail that does not check out: the opener's own words.
    if (error instanceof DatabaseOpenError) throw new OfficeDatabaseUnavailable(error.message);
    // An older schema and a desk's user, which may not change tables (as it should not).
    if ((error as { code?: unknown } | null)?.code === INSUFFICIENT_PRIVILEGE)
      throw new OfficeDatabaseUnavailable(
        `${describeConnection(saved.settings)} is from an older VerifyDesk, and only its owner's user may bring its tables up to date. The practice's IT person opens Settings, Office database, on a computer with this version of VerifyDesk and chooses it once with the owner's user (README, "Office database"); then press Try again here.`,
      );
    throw new OfficeDatabaseUnavailable(connectionProblem(error, saved.settings).message);
  }
}
