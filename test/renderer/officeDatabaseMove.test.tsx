// Settings, Office database: "Move this computer's data to the office database" is offered only when the
// check found a VerifyDesk database holding no office data; it asks first, saying what will happen and
// that this computer keeps its own copy; the answer says what moved; a refusal is shown in its words.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OfficeDatabasePanel } from '../../src/renderer/src/screens/Settings/OfficeDatabasePanel';
import type {
  OfficeDatabaseCheck,
  OfficeDatabaseMove,
  OfficeDatabaseSettings,
} from '../../src/shared/settings/officeDatabase';
import { installFakeApi } from './fakeApi';
import { typeOwnerServerAndTest } from './officeDatabaseForm';

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

const readyCheck = (holdsOfficeData: boolean): OfficeDatabaseCheck => ({
  outcome: 'ready',
  message: `Connected. verifydesk on 127.0.0.1:5432 is a VerifyDesk database at schema 16, the version this VerifyDesk uses. ${
    holdsOfficeData
      ? 'It holds office data already.'
      : "It holds no office data yet: this computer's data can be moved there."
  }`,
  schemaVersion: 16,
  appSchemaVersion: 16,
  holdsOfficeData,
});

const MOVED: OfficeDatabaseMove = {
  message:
    "Moved this computer's data to the office database verifydesk on 127.0.0.1:5432: 2 users, 40 patients, 3 payers, 5 plans, 61 calls, 7 PA items, 900 ledger statements, 1200 audit entries, and 3100 other rows (answers, fees, histories, settings and the like). Every table was compared row for row on the server and the audit trail checks out there.",
  counts: { users: 2, patients: 40 },
  computer: 'Front desk 1',
  officeKey: 'V0DX3-PA4Z3-P8RJP-322J6-6VPJN-R23G2-XD4P6-Z47GP-D848K-7QSGG-MKR55-1',
};

const MOVE = 'Move this computer’s data to the office database';

describe("Settings, Office database: moving this computer's data", () => {
  let moves: OfficeDatabaseSettings[];
  beforeEach(() => {
    moves = [];
  });

  it('asks first, then says what moved and that this computer keeps its own copy', async () => {
    installFakeApi({
      officedbCheck: vi.fn(() => ok(readyCheck(false))),
      officedbMove: vi.fn((settings: OfficeDatabaseSettings) => {
        moves.push(settings);
        return ok(MOVED);
      }),
    });
    render(<OfficeDatabasePanel />);
    typeOwnerServerAndTest();
    fireEvent.click(await screen.findByRole('button', { name: MOVE }));

    const confirm = screen.getByRole('group', { name: 'Move this computer’s data' });
    expect(confirm.textContent).toContain('Move this computer’s data to verifydesk on 127.0.0.1:5432?');
    expect(confirm.textContent).toContain('If anything differs, nothing is kept on the server.');
    expect(confirm.textContent).toContain(
      'This computer keeps its own copy; from its next start it opens the office database instead.',
    );
    // Cancel: nothing is sent, the check's answer is back.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(moves).toEqual([]);
    expect(screen.getByRole('status').textContent).toContain('It holds no office data yet');

    fireEvent.click(screen.getByRole('button', { name: MOVE }));
    fireEvent.click(screen.getByRole('button', { name: 'Move the data' }));
    const result = await screen.findByRole('status');
    await waitFor(() => expect(result).toHaveAttribute('data-outcome', 'moved'));
    expect(result.textContent).toContain(MOVED.message);
    expect(result.textContent).toContain(
      'This computer keeps its own copy; from its next start it opens the office database.',
    );
    // The moved trail is signed with this computer's key: it is the office key the next computer types.
    expect(screen.getByLabelText('The office key').textContent).toBe(MOVED.officeKey);
    expect(screen.getByRole('button', { name: 'Restart VerifyDesk now' })).toBeTruthy();
    expect(moves).toEqual([
      {
        host: '127.0.0.1',
        port: 5432,
        database: 'verifydesk',
        user: 'verifydesk_owner',
        password: 'Owner-Pass-0f-The-Office',
        requireTls: false,
        caCertificate: '',
      },
    ]);
    // Done: no second move offered from this answer.
    expect(screen.queryByRole('button', { name: MOVE })).toBeNull();
  });

  it('shows a refusal in its own words, and offers no move where office data is already', async () => {
    const refusal =
      'Nothing was moved: the office database verifydesk on 127.0.0.1:5432 already holds office data (3 users, 120 audit entries).';
    installFakeApi({
      officedbCheck: vi.fn(() => ok(readyCheck(false))),
      officedbMove: vi.fn(() =>
        Promise.resolve({ ok: false as const, error: { code: 'conflict' as const, message: refusal } }),
      ),
    });
    const { unmount } = render(<OfficeDatabasePanel />);
    typeOwnerServerAndTest();
    fireEvent.click(await screen.findByRole('button', { name: MOVE }));
    fireEvent.click(screen.getByRole('button', { name: 'Move the data' }));
    expect(await screen.findByText(refusal)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Move this computer’s data' })).toBeNull();
    unmount();

    installFakeApi({ officedbCheck: vi.fn(() => ok(readyCheck(true))) });
    render(<OfficeDatabasePanel />);
    typeOwnerServerAndTest();
    expect((await screen.findByRole('status')).textContent).toContain('It holds office data already.');
    expect(screen.queryByRole('button', { name: MOVE })).toBeNull();
  });
});
