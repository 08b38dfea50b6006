// The lists follow the other desks (issue 18, item 3, on screen): when main pushes that another desk
// changed the prior authorizations or the to-do list, the screen showing it reads it again (once for a
// burst, after the 300 ms settle), only for its own topic; a PA form being filled in keeps what was typed
// and the version it was opened from, and says the item changed; the to-do list keeps the person on the
// same item when items move.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PriorAuthWorklist } from '../../src/renderer/src/screens/Records/PriorAuthWorklist';
import { ReverifyWorklist } from '../../src/renderer/src/screens/Records/ReverifyWorklist';
import { TodoScreen } from '../../src/renderer/src/screens/Todo/TodoScreen';
import { useTodoStore } from '../../src/renderer/src/stores/todoStore';
import type { PriorAuth } from '../../src/shared/priorAuth/priorAuthViews';
import type { ReverifyItem } from '../../src/shared/worklist/reverifyViews';
import type { TodoItem } from '../../src/shared/worklist/todoViews';
import { installFakeApi, pushOfficeChange } from './fakeApi';

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

// Dates are only shown by these lists: nothing asserted here depends on them or on today's date.
const APPOINTMENT = '2030-01-15';
const SUBMITTED = '2030-01-02';
const CHANGED_AT = '2030-01-02T15:04:00.000Z';

const paItem = (over: Partial<PriorAuth>): PriorAuth => ({
  id: 1,
  callId: 10,
  patientName: 'Ann Synthetic',
  patientDob: '1980-04-02',
  payerId: 3,
  payerName: 'Fictional Dental Mutual',
  payerPaPhone: null,
  payerPortalUrl: null,
  code: 'D0367',
  serviceDate: APPOINTMENT,
  status: 'to_submit',
  method: null,
  contact: null,
  attachments: null,
  submittedOn: null,
  decisionExpectedOn: null,
  authNumber: null,
  approvedUnits: null,
  validFrom: null,
  validTo: null,
  updatedAt: CHANGED_AT,
  version: 1,
  flags: ['submit'],
  ...over,
});

const todo = (key: string, title: string): TodoItem => ({
  key,
  kind: 'call_next_step',
  title,
  detail: 'From the verification call.',
  due: SUBMITTED,
  patientId: 1,
  patientName: 'Ann Synthetic',
  planId: 2,
  payerName: 'Fictional Dental Mutual',
  codes: ['D0367'],
  serviceDate: APPOINTMENT,
  callId: 10,
  priorAuthId: null,
  owner: null,
  doneAt: null,
  doneBy: null,
  snoozedUntil: null,
  version: 0,
  canVerify: false,
});

describe('lists that follow the other desks', () => {
  it('the PA worklist reads itself again when another desk changes an item: once for a burst, only for its topic', async () => {
    const paWorklist = vi
      .fn()
      .mockReturnValueOnce(ok([paItem({})]))
      .mockReturnValue(ok([paItem({}), paItem({ id: 2, patientName: 'Ben Synthetic', code: 'D0364' })]));
    installFakeApi({ paWorklist, paHistory: vi.fn(() => ok([])) });
    render(<PriorAuthWorklist />);
    await screen.findByText('Ann Synthetic');
    expect(paWorklist).toHaveBeenCalledTimes(1);

    // Another list's change is not this one's business: nothing read after the settle time has passed.
    pushOfficeChange({ topics: ['todos', 'reverify'] });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(paWorklist).toHaveBeenCalledTimes(1);
    // A call completed at another desk: several tables, several notices, one reload.
    pushOfficeChange({ topics: ['priorAuths', 'todos'] });
    pushOfficeChange({ topics: ['priorAuths'] });
    pushOfficeChange({ topics: ['priorAuths'] });
    expect(await screen.findByText('Ben Synthetic')).toBeInTheDocument();
    expect(paWorklist).toHaveBeenCalledTimes(2);
  });

  it('a PA form being filled in keeps what was typed and the version it was opened from, and says another desk changed it', async () => {
    const paWorklist = vi
      .fn()
      .mockReturnValueOnce(ok([paItem({})]))
      .mockReturnValue(
        ok([paItem({ status: 'submitted', method: 'Fax', version: 2, submittedOn: SUBMITTED })]),
      );
    const paUpdate = vi.fn(() =>
      Promise.resolve({
        ok: false as const,
        error: {
          code: 'conflict' as const,
          message: 'Desk Two changed this prior authorization. Nothing was saved.',
        },
      }),
    );
    installFakeApi({ paWorklist, paHistory: vi.fn(() => ok([])), paUpdate });
    render(<PriorAuthWorklist />);
    fireEvent.click(await screen.findByRole('button', { name: 'Update D0367 for Ann Synthetic' }));
    const form = screen.getByRole('form', { name: 'Prior authorization for D0367' });
    fireEvent.change(within(form).getByLabelText('Authorization number'), { target: { value: 'AUTH-77' } });

    pushOfficeChange({ topics: ['priorAuths'] });
    expect(await within(form).findByRole('status')).toHaveTextContent(
      /^Changed at another desk on .+, after you opened it.*saving it would overwrite that change, so it will be refused/,
    );
    // The worklist row shows the other desk's change; the form still holds what this person typed.
    expect(paWorklist).toHaveBeenCalledTimes(2);
    expect(within(form).getByLabelText('Authorization number')).toHaveValue('AUTH-77');
    expect(within(form).getByLabelText('Status')).toHaveValue('to_submit');

    // Saving sends the version the form was opened from, so the server refuses it instead of
    // overwriting the other desk's change with this copy.
    fireEvent.click(within(form).getByRole('button', { name: 'Save prior authorization' }));
    await waitFor(() => expect(paUpdate).toHaveBeenCalledTimes(1));
    expect(paUpdate).toHaveBeenCalledWith(expect.objectContaining({ id: 1, version: 1 }));
    expect(await within(form).findByText(/Desk Two changed this prior authorization/)).toBeInTheDocument();
  });

  it('the to-do list reads itself again and the person stays on the same item when another desk adds one above it', async () => {
    useTodoStore.setState({ status: 'idle', items: [], includeDone: false, message: null });
    const todoList = vi
      .fn()
      .mockReturnValueOnce(ok([todo('call:1', 'Call the patient back'), todo('call:2', 'Send the estimate')]))
      .mockReturnValue(
        ok([
          todo('pa:9', 'Submit the prior authorization'),
          todo('call:1', 'Call the patient back'),
          todo('call:2', 'Send the estimate'),
        ]),
      );
    installFakeApi({ todoList });
    render(<TodoScreen />);
    const list = await screen.findByRole('list', { name: 'To-do list' });
    await within(list).findByText('Send the estimate');
    // The person moves down to the second item.
    const first = within(list).getAllByRole('listitem')[0]!;
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    const onSecond = () =>
      within(list)
        .getAllByRole('listitem')
        .find((li) => li.tabIndex === 0);
    expect(onSecond()).toHaveAccessibleName(/^Send the estimate/);

    pushOfficeChange({ topics: ['todos'] });
    await within(list).findByText('Submit the prior authorization');
    expect(todoList).toHaveBeenCalledTimes(2);
    // Still on "Send the estimate", now third: the keys act on what the person chose.
    expect(onSecond()).toHaveAccessibleName(/^Send the estimate/);
  });

  it('the re-verify worklist reads itself again when another desk plans or verifies an appointment', async () => {
    const appointment = (patientName: string): ReverifyItem => ({
      patientId: 1,
      patientName,
      planId: 2,
      serviceDate: APPOINTMENT,
      codes: ['D0367'],
      payerName: 'Fictional Dental Mutual',
      planName: 'Fictional PPO',
      verifiedOn: null,
      eligibilityCheckedOn: null,
      reasons: ['missing'],
    });
    const reverifyWorklist = vi
      .fn()
      .mockReturnValueOnce(ok([appointment('Ann Synthetic')]))
      .mockReturnValue(ok([appointment('Ann Synthetic'), appointment('Cal Synthetic')]));
    installFakeApi({ reverifyWorklist });
    render(<ReverifyWorklist />);
    await screen.findByText('Ann Synthetic');
    pushOfficeChange({ topics: ['reverify'] });
    expect(await screen.findByText('Cal Synthetic')).toBeInTheDocument();
    expect(reverifyWorklist).toHaveBeenCalledTimes(2);
  });
});
