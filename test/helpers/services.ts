// The services over one test database, wired as the app wires them (one ledger shared by all), on the
// test clock, acting as the test user.
import type { AppDb } from '../../src/main/db/appDb';
import type { Db } from '../../src/main/db/connection';
import { catalogOf } from './appDb';
import { createLedger } from '../../src/main/ledger/ledger';
import { createCallService } from '../../src/main/services/callService';
import { createEligibilityImportService } from '../../src/main/services/eligibilityImportService';
import { createEstimateService } from '../../src/main/services/estimateService';
import { createPatientService } from '../../src/main/services/patientService';
import { createPolicyPackService } from '../../src/main/services/policyPackService';
import { createPolicyService } from '../../src/main/services/policyService';
import { createPriorAuthService } from '../../src/main/services/priorAuthService';
import { createReverifyService } from '../../src/main/services/reverifyService';
import { createSettingsService } from '../../src/main/services/settingsService';
import { createTodoService } from '../../src/main/services/todoService';
import { fixedClock } from './testClock';

export const TEST_USER = 'Test User';
export const TEST_DESK = 'Test desk';

export function testServices(
  db: AppDb,
  now: () => Date = fixedClock(),
  options: {
    /** This desk's code catalog (by default the one opened with the test database). */
    catalog?: Db;
    actor?: () => string;
    workstation?: string;
    windows?: { plan: number; eligibility: number };
  } = {},
) {
  const actor = options.actor ?? (() => TEST_USER);
  const windows = options.windows ?? { plan: 90, eligibility: 30 };
  const catalog = options.catalog ?? catalogOf(db);
  const ledger = createLedger({
    db,
    now,
    actor,
    workstation: options.workstation ?? TEST_DESK,
    windows: () => windows,
  });
  // The office identifiers the call header shows, as Settings holds them.
  let loaded: Awaited<ReturnType<typeof createSettingsService>> | null = null;
  const settings = async () => (loaded ??= await createSettingsService(db, now));
  const reverify = createReverifyService({
    db,
    now,
    staleAfterDays: () => windows.plan,
    eligibilityStaleAfterDays: () => windows.eligibility,
  });
  return {
    ledger,
    policies: createPolicyService({ db, catalog, now, ledger }),
    patients: createPatientService({ db, now, actor, ledger }),
    calls: createCallService({
      db,
      catalog,
      now,
      actor,
      ledger,
      office: async () => (await settings()).get().office,
    }),
    estimates: createEstimateService({ db, catalog, now, actor, ledger }),
    eligibility: createEligibilityImportService({ db, now, actor, ledger }),
    packs: createPolicyPackService({ db, now, actor, ledger }),
    priorAuths: createPriorAuthService({ db, now, actor }),
    reverify,
    todos: createTodoService({ db, ledger, now, actor, reverify }),
  };
}

export type TestServices = ReturnType<typeof testServices>;
