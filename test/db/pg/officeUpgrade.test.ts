// A new VerifyDesk meets an office database from the version before: bringing its tables up to date
// needs the owner's user (the IT person's); a desk's least-privileged user is told so in words, and
// nothing changes; once the owner has chosen it (and so upgraded it), the desk's user chooses it.
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { latestVersion } from '../../../src/main/db/migrate';
import { newAuditKey } from '../../../src/main/audit/auditChain';
import { chooseOfficeDatabase } from '../../../src/main/db/pg/chooseOfficeDatabase';
import { openChosenOfficeDatabase } from '../../../src/main/db/pg/openChosenOfficeDatabase';
import { openPgAppDb, type PgConnection } from '../../../src/main/db/pg/pgAppDb';
import { migratePg, officeSchemaState } from '../../../src/main/db/pg/pgMigrate';
import { createOfficeRoles, dropOfficeRoles, type OfficeRoles } from '../../helpers/pgOps';
import { fixedClock } from '../../helpers/testClock';
import { officeSettingsOf } from '../../helpers/testEngine';

const now = fixedClock();
const LATEST = latestVersion(MIGRATIONS);

async function schemaVersion(who: PgConnection): Promise<number | null> {
  const db = openPgAppDb(who);
  try {
    const state = await officeSchemaState(db);
    return state.kind === 'verifydesk' ? state.version : null;
  } finally {
    await db.close();
  }
}

describe('upgrading the office database', () => {
  let roles: OfficeRoles | null = null;
  afterEach(async () => {
    if (roles) await dropOfficeRoles(roles);
    roles = null;
  });

  it("a desk's user is refused in words and nothing changes; the owner upgrades; then the desk joins", async () => {
    roles = await createOfficeRoles();
    // The office database as the previous VerifyDesk left it, created by the owner.
    const owner = openPgAppDb(roles.owner);
    try {
      await migratePg(owner, MIGRATIONS.slice(0, -1), { create: true, now });
    } finally {
      await owner.close();
    }
    expect(await schemaVersion(roles.owner)).toBe(LATEST - 1);

    const refusal = chooseOfficeDatabase(officeSettingsOf(roles.desk), '', now);
    await expect(refusal).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`the user ${roles.desk.user} may not change tables`),
    });
    await expect(refusal).rejects.toMatchObject({
      message: expect.stringContaining("choose it once here with the owner's user"),
    });
    expect(await schemaVersion(roles.owner)).toBe(LATEST - 1);
    // A desk that chose it before its VerifyDesk was updated: at start, the same words, and Try again.
    await expect(
      openChosenOfficeDatabase(
        {
          settings: officeSettingsOf(roles.desk),
          officeKey: newAuditKey(),
          savedAt: now().toISOString(),
          savedBy: 'x',
        },
        now,
        'Desk 3',
      ),
    ).rejects.toMatchObject({
      name: 'OfficeDatabaseUnavailable',
      message: expect.stringContaining("only its owner's user may bring its tables up to date"),
    });
    expect(await schemaVersion(roles.owner)).toBe(LATEST - 1);

    await chooseOfficeDatabase(officeSettingsOf(roles.owner), '', now);
    expect(await schemaVersion(roles.owner)).toBe(LATEST);
    const key = await chooseOfficeDatabase(officeSettingsOf(roles.desk), '', now);
    expect(key.key).toHaveLength(32);
  });
});
