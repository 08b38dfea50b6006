// FZ-3: a model-based test of the session and the audit trail. Random sequences of sign-in (right and
// wrong passwords), lock, idle time, unlock, sign-out, patient changes and views and an administrator
// channel run against the real dispatch and a model of what should happen. Checked after every step:
// nothing about patients works while locked or signed out, the back-off holds, each successful patient
// action writes exactly one audit row, and the chain verifies at the end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/main/audit/auditLog';
import { openSignedInApp, type SignedInApp } from '../helpers/appDispatch';
import { patientInput } from '../helpers/policyFixtures';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { row } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_NOW } from '../helpers/testClock';

type Who = 'admin' | 'desk';
const NAMES: Record<Who, string> = { admin: TEST_ADMIN.username, desk: 'modeldesk' };
const PASSWORDS: Record<Who, string> = { admin: TEST_ADMIN.password, desk: 'desk passphrase 42' };

interface Model {
  user: Who | null;
  locked: boolean;
  /** Wrong passwords in the current back-off window, per user. */
  failures: Record<Who, number>;
  /** Idle time ran out on an open session: main records the lock at the next check it makes. */
  idlePending: boolean;
}
interface Real {
  app: SignedInApp;
  advance(ms: number): void;
  auditRows(): Promise<number>;
}

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const open = (m: Model) => m.user !== null && !m.locked;

class SignIn implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly who: Who,
    readonly right: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const result = await r.app.send('session:signIn', {
      username: NAMES[this.who],
      password: this.right ? PASSWORDS[this.who] : 'wrong password here',
    });
    const backedOff = m.failures[this.who] >= 5;
    if (backedOff) {
      expect(code(result)).toBe('forbidden');
      return;
    }
    if (this.right) {
      expect(code(result)).toBe('ok');
      m.user = this.who;
      m.locked = false;
      m.idlePending = false;
      m.failures[this.who] = 0;
    } else {
      expect(code(result)).toBe('validation');
      m.failures[this.who]++;
    }
  }
  toString = () => `signIn(${this.who}, ${this.right ? 'right' : 'wrong'})`;
}

class Unlock implements fc.AsyncCommand<Model, Real> {
  constructor(readonly right: boolean) {}
  check = (m: Readonly<Model>) => m.user !== null && m.locked;
  async run(m: Model, r: Real) {
    const who = m.user!;
    const result = await r.app.send('session:unlock', {
      password: this.right ? PASSWORDS[who] : 'wrong password here',
    });
    if (m.failures[who] >= 5) expect(code(result)).toBe('forbidden');
    else if (this.right) {
      expect(code(result)).toBe('ok');
      m.locked = false;
      m.idlePending = false;
      m.failures[who] = 0;
    } else {
      expect(code(result)).toBe('validation');
      m.failures[who]++;
    }
  }
  toString = () => `unlock(${this.right ? 'right' : 'wrong'})`;
}

class Lock implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    expect(code(await r.app.send('session:lock', {}))).toBe('ok');
    if (m.user) m.locked = true;
    m.idlePending = false;
  }
  toString = () => 'lock';
}

class Idle implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    r.advance(11 * 60_000); // past the 10-minute lock and the 5-minute back-off
    if (open(m)) m.idlePending = true;
    if (m.user) m.locked = true;
    m.failures = { admin: 0, desk: 0 };
  }
  toString = () => 'idle 11 min';
}

class SignOut implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const result = await r.app.send('session:signOut', {});
    m.idlePending = false;
    if (open(m)) {
      expect(code(result)).toBe('ok');
      m.user = null;
    } else expect(code(result)).toBe('locked');
  }
  toString = () => 'signOut';
}

class PatientAction implements fc.AsyncCommand<Model, Real> {
  constructor(readonly kind: 'save' | 'search') {}
  check = () => true;
  async run(m: Model, r: Real) {
    const before = await r.auditRows();
    const result =
      this.kind === 'save'
        ? await r.app.send('patients:save', { id: null, patient: patientInput({ lastName: 'Modelpatient' }) })
        : await r.app.send('patients:search', { query: 'Modelpatient' });
    expect(code(result)).toBe(open(m) ? 'ok' : 'locked');
    // One row for the action when it ran, plus the automatic lock if this call was the one to notice it.
    expect((await r.auditRows()) - before).toBe((open(m) ? 1 : 0) + (m.idlePending ? 1 : 0));
    m.idlePending = false;
  }
  toString = () => `patients:${this.kind}`;
}

class AdminOnly implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const result = await r.app.send('users:list', {});
    m.idlePending = false;
    expect(code(result)).toBe(!open(m) ? 'locked' : m.user === 'admin' ? 'ok' : 'forbidden');
  }
  toString = () => 'users:list';
}

describe('session and audit, model-based', () => {
  const tempDir = useTempDirs();

  it('random sequences keep patient data behind the lock and one audit row per action', async () => {
    const who = fc.constantFrom<Who>('admin', 'desk');
    const commands = [
      fc.tuple(who, fc.boolean()).map(([w, right]) => new SignIn(w, right)),
      fc.boolean().map((right) => new Unlock(right)),
      fc.constant(new Lock()),
      fc.constant(new Idle()),
      fc.constant(new SignOut()),
      fc.constantFrom<'save' | 'search'>('save', 'search').map((k) => new PatientAction(k)),
      fc.constant(new AdminOnly()),
    ];
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: '+1' }), async (cmds) => {
        let clock = TEST_NOW.getTime();
        const app = await openSignedInApp(tempDir, () => new Date(clock));
        const desk = await app.send('users:save', {
          id: null,
          username: NAMES.desk,
          displayName: 'Model Desk',
          role: 'front_desk',
          active: true,
          password: PASSWORDS.desk,
        });
        expect(desk.ok).toBe(true);
        const real: Real = {
          app,
          advance: (ms) => {
            clock += ms;
          },
          auditRows: async () => (await row<{ n: number }>(app.db, 'SELECT count(*) AS n FROM audit_log'))!.n,
        };
        const model: Model = {
          user: 'admin',
          locked: false,
          failures: { admin: 0, desk: 0 },
          idlePending: false,
        };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        steps += [...cmds].length;
        expect((await verifyAuditChain(app.db)).ok).toBe(true);
        await app.db.close();
      }),
      { numRuns: 40 },
    );
    console.log(`session model: 40 sequences, ${steps} steps`);
  }, 240_000);
});
