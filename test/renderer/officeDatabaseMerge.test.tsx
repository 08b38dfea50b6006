// Settings, Office database: "Merge this computer's data into the office database" is offered when the
// check found office data already and this computer runs on its own data; it asks for the office key;
// a merge that comes back for review lists each doubtful pair with "Same patient" / "Different patients",
// and "Merge with these decisions" sends exactly what was chosen, only once every patient is decided.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { OfficeDatabasePanel } from '../../src/renderer/src/screens/Settings/OfficeDatabasePanel';
import type {
  OfficeDatabaseCheck,
  OfficeDatabaseMerge,
  OfficeDatabaseMergeInput,
  OfficeDatabaseStatus,
} from '../../src/shared/settings/officeDatabase';
import { installFakeApi } from './fakeApi';
import { typeOwnerServerAndTest } from './officeDatabaseForm';

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

const HOLDS_DATA: OfficeDatabaseCheck = {
  outcome: 'ready',
  message:
    'Connected. verifydesk on 127.0.0.1:5432 is a VerifyDesk database at schema 17, the version this VerifyDesk uses. It holds office data already.',
  schemaVersion: 17,
  appSchemaVersion: 17,
  holdsOfficeData: true,
};

const status = (running: 'own' | 'office'): OfficeDatabaseStatus => ({
  running,
  openNow:
    running === 'own' ? 'this computer’s own data' : 'the office database verifydesk on 127.0.0.1:5432',
  restartNeeded: false,
  saved: null,
});

const OFFICE_KEY = 'V0DX3-PA4Z3-P8RJP-322J6-6VPJN-R23G2-XD4P6-Z47GP-D848K-7QSGG-MKR55-1';

const REVIEW: OfficeDatabaseMerge = {
  outcome: 'review',
  message:
    'Nothing was merged: 2 patients of this computer look like patients of the office, but not for certain.',
  pairs: [
    {
      here: { id: 7, firstName: 'Lena', lastName: 'Ortiz', dob: '1981-04-05', memberIds: ['LO2'] },
      office: { id: 3, firstName: 'Lena', lastName: 'Ortiz', dob: '1981-04-05', memberIds: ['LO1'] },
      why: 'Same name and birth date, but the member IDs differ.',
    },
    {
      here: { id: 8, firstName: 'Tom', lastName: 'Vega', dob: '1990-07-08', memberIds: ['TV9'] },
      office: { id: 5, firstName: 'Tomas', lastName: 'Vega', dob: '1990-07-08', memberIds: ['TV9'] },
      why: 'Same member ID, but a different name or birth date.',
    },
  ],
};

const MERGED: OfficeDatabaseMerge = {
  outcome: 'merged',
  message:
    "Merged this computer's data into the office database verifydesk on 127.0.0.1:5432: no new users (1 already there), 1 new patient (2 already there).",
  counts: { patients: 1 },
  computer: 'Front desk 2',
  officeKey: OFFICE_KEY,
};

const MERGE = 'Merge this computer’s data into the office database';

describe("Settings, Office database: merging this computer's data", () => {
  it('asks for the office key, shows the doubtful pairs, and sends each decision', async () => {
    const sent: OfficeDatabaseMergeInput[] = [];
    installFakeApi({
      officedbStatus: vi.fn(() => ok(status('own'))),
      officedbCheck: vi.fn(() => ok(HOLDS_DATA)),
      officedbMerge: vi.fn((input: OfficeDatabaseMergeInput) => {
        sent.push(input);
        return ok(sent.length === 1 ? REVIEW : MERGED);
      }),
    });
    render(<OfficeDatabasePanel />);
    typeOwnerServerAndTest();
    fireEvent.click(await screen.findByRole('button', { name: MERGE }));
    const box = screen.getByRole('group', { name: 'Merge this computer’s data' });
    expect(box.textContent).toContain('Merge this computer’s data into verifydesk on 127.0.0.1:5432?');
    fireEvent.change(within(box).getByLabelText(/^Office key/), { target: { value: OFFICE_KEY } });
    fireEvent.click(within(box).getByRole('button', { name: 'Merge the data' }));

    const pairs = await within(box).findAllByRole('listitem');
    expect(pairs.map((p) => p.textContent)).toEqual([
      'On this computerLena Ortizborn 04/05/1981member ID LO2In the office databaseLena Ortizborn 04/05/1981member ID LO1Same name and birth date, but the member IDs differ. Same patient Different patients',
      'On this computerTom Vegaborn 07/08/1990member ID TV9In the office databaseTomas Vegaborn 07/08/1990member ID TV9Same member ID, but a different name or birth date. Same patient Different patients',
    ]);
    const decide = within(box).getByRole('button', { name: 'Merge with these decisions' });
    expect(decide).toBeDisabled();
    fireEvent.click(within(pairs[0]!).getByLabelText('Different patients'));
    expect(decide).toBeDisabled();
    fireEvent.click(within(pairs[1]!).getByLabelText('Same patient'));
    expect(decide).toBeEnabled();
    fireEvent.click(decide);

    const result = await screen.findByText(MERGED.message);
    await waitFor(() => expect(result.closest('[data-outcome]')).toHaveAttribute('data-outcome', 'merged'));
    expect(screen.getByLabelText('The office key').textContent).toBe(OFFICE_KEY);
    const settings = {
      host: '127.0.0.1',
      port: 5432,
      database: 'verifydesk',
      user: 'verifydesk_owner',
      password: 'Owner-Pass-0f-The-Office',
      requireTls: false,
      caCertificate: '',
    };
    expect(sent).toEqual([
      { settings, officeKey: OFFICE_KEY, decisions: [] },
      {
        settings,
        officeKey: OFFICE_KEY,
        decisions: [
          { patientId: 7, separate: true },
          { patientId: 8, sameAs: 5 },
        ],
      },
    ]);
  });

  it('offers no merge to a computer already on the office database, nor where there is no office data', async () => {
    installFakeApi({
      officedbStatus: vi.fn(() => ok(status('office'))),
      officedbCheck: vi.fn(() => ok(HOLDS_DATA)),
    });
    const { unmount } = render(<OfficeDatabasePanel />);
    typeOwnerServerAndTest();
    expect((await screen.findByRole('status')).textContent).toContain('It holds office data already.');
    expect(screen.queryByRole('button', { name: MERGE })).toBeNull();
    unmount();

    installFakeApi({
      officedbStatus: vi.fn(() => ok(status('own'))),
      officedbCheck: vi.fn(() => ok({ ...HOLDS_DATA, holdsOfficeData: false })),
    });
    render(<OfficeDatabasePanel />);
    typeOwnerServerAndTest();
    await screen.findByRole('button', { name: 'Move this computer’s data to the office database' });
    expect(screen.queryByRole('button', { name: MERGE })).toBeNull();
  });
});
