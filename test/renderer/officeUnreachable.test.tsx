// The office database unreachable while an answer is saved (issue 18, item 4, on screen): main refuses
// the answer with code 'unavailable'; the desk sees the plain words (banner and under the question),
// what was typed stays in the box, and Enter again sends the same answer once the server is back, after
// which the outage notice goes away.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBanner } from '../../src/renderer/src/components/ErrorBanner';
import { QuestionPanel } from '../../src/renderer/src/screens/Call/QuestionPanel';
import { useCallStore } from '../../src/renderer/src/stores/callStore';
import { useErrorStore } from '../../src/renderer/src/stores/errorStore';
import type { CallView } from '../../src/shared/script/callViews';
import { installFakeApi } from './fakeApi';

const NOT_SAVED =
  'VerifyDesk cannot reach the office database verifydesk on db.office.lan:5432, so what you just entered was not saved. Everything saved before is safe on the server. Try again in a minute; if the server stays out of reach, tell your IT person.';

const current: NonNullable<CallView['current']> = {
  key: 'annual_max',
  stepId: 'annual_max',
  section: 'plan_basics',
  label: 'Annual maximum',
  question: 'What is the annual maximum?',
  say: 'What is the annual maximum?',
  type: 'money',
  choices: [],
  code: null,
  known: null,
  onFileList: null,
} as unknown as NonNullable<CallView['current']>;

describe('the office database unreachable while an answer is saved', () => {
  beforeEach(() => useErrorStore.setState({ error: null }));

  it('says so in plain words, keeps the answer on screen, and sends it again once the server is back', async () => {
    const callAnswer = vi
      .fn()
      .mockResolvedValueOnce({ ok: false, error: { code: 'unavailable', message: NOT_SAVED } })
      .mockResolvedValueOnce({ ok: true, value: { id: 7, current: null } as unknown as CallView });
    installFakeApi({ callAnswer });
    useCallStore.setState({ view: { id: 7, current } as unknown as CallView, problem: null });
    render(
      <>
        <ErrorBanner />
        <QuestionPanel current={current} />
      </>,
    );
    const box = screen.getByLabelText('Answer');
    fireEvent.change(box, { target: { value: '1500' } });
    fireEvent.keyDown(box, { key: 'Enter' });

    expect(await screen.findByRole('alert')).toHaveTextContent(NOT_SAVED);
    expect(screen.getByText(NOT_SAVED, { selector: '.field-error' })).toBeInTheDocument();
    // Not acknowledged: the question and what was typed are still there.
    expect(useCallStore.getState().view?.current?.key).toBe('annual_max');
    expect(box).toHaveValue('1500');

    // The server is back: Enter sends the same answer, and the outage notice goes.
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(useCallStore.getState().view?.current).toBeNull());
    expect(callAnswer).toHaveBeenCalledTimes(2);
    expect(callAnswer.mock.calls[1]![0]).toEqual(callAnswer.mock.calls[0]![0]);
    expect(callAnswer.mock.calls[0]![0]).toMatchObject({ id: 7, answer: { type: 'money', value: 150_000 } });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('an answer whose reply was lost', () => {
  beforeEach(() => useErrorStore.setState({ error: null }));

  it('sent again, is refused as answered already, and the screen moves to where the call is', async () => {
    const next = { ...current, key: 'max_remaining', stepId: 'max_remaining', label: 'Maximum left' };
    const callAnswer = vi.fn().mockResolvedValue({
      ok: false,
      error: {
        code: 'conflict',
        field: 'answer',
        message: 'That question was answered already: the call has moved on.',
      },
    });
    const callGet = vi
      .fn()
      .mockResolvedValue({ ok: true, value: { id: 7, current: next } as unknown as CallView });
    installFakeApi({ callAnswer, callGet });
    useCallStore.setState({ view: { id: 7, current } as unknown as CallView, problem: null });
    render(<QuestionPanel current={current} />);
    const box = screen.getByLabelText('Answer');
    fireEvent.change(box, { target: { value: '1500' } });
    fireEvent.keyDown(box, { key: 'Enter' });

    await waitFor(() => expect(useCallStore.getState().view?.current?.key).toBe('max_remaining'));
    // The answer named the question it was for; main refused it there instead of giving it to the next.
    expect(callAnswer.mock.calls[0]![0]).toMatchObject({ id: 7, key: 'annual_max' });
    expect(callGet).toHaveBeenCalledWith({ id: 7 });
    expect(useCallStore.getState().problem?.message).toMatch(/answered already/);
  });
});
