// The office database unreachable while an answer is saved (issue 18, item 4, on screen): main refuses
// the answer with code 'unavailable'; the desk sees main's words in the banner and, under the question,
// "Not saved ... Trying again in N s" counting down; what was typed stays in the box; the call screen
// tries again by itself (2 s, then longer, at most 15 s) and at once on Enter, until it lands, after
// which both messages go. An answer main took although its reply was lost is refused as answered
// already, and the screen shows where the call is. Timers and Date are vitest's fake ones on the tests'
// clock.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBanner } from '../../src/renderer/src/components/ErrorBanner';
import { QuestionPanel } from '../../src/renderer/src/screens/Call/QuestionPanel';
import { SaveRetryNotice } from '../../src/renderer/src/screens/Call/SaveRetryNotice';
import { useCallStore } from '../../src/renderer/src/stores/callStore';
import { useErrorStore } from '../../src/renderer/src/stores/errorStore';
import { useSessionStore } from '../../src/renderer/src/stores/sessionStore';
import type { CallView } from '../../src/shared/script/callViews';
import { TEST_NOW, daysFromToday } from '../helpers/testClock';
import { OPEN_SESSION, installFakeApi } from './fakeApi';

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

/** The call screen's middle as ActiveCall lays it out: the current question, then the retry notice. */
function CallMiddle() {
  const view = useCallStore((s) => s.view);
  return (
    <>
      <ErrorBanner />
      {view?.current ? (
        <QuestionPanel key={view.current.key} current={view.current} />
      ) : (
        <p>The script is done.</p>
      )}
      <SaveRetryNotice />
    </>
  );
}

const next = { ...current, key: 'max_remaining', stepId: 'max_remaining', label: 'Maximum left' };
const refused = { ok: false, error: { code: 'unavailable', message: NOT_SAVED } } as const;
const movedOn = { ok: true, value: { id: 7, current: next } as unknown as CallView } as const;
const answeredAlready = {
  ok: false,
  error: {
    code: 'conflict',
    field: 'answer',
    message: 'That question was answered already: the call has moved on.',
  },
} as const;

/** Lets the page's timers run for `ms` on the fake clock, and every reply that comes back meanwhile. */
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const notice = () => screen.queryByRole('status');

/** The call on question 1, the answer typed and sent with Enter. */
async function answerOnce(api: Parameters<typeof installFakeApi>[0]) {
  installFakeApi(api);
  useCallStore.setState({ view: { id: 7, current } as unknown as CallView, problem: null });
  const view = render(<CallMiddle />);
  const box = screen.getByLabelText('Answer');
  fireEvent.change(box, { target: { value: '1500' } });
  fireEvent.keyDown(box, { key: 'Enter' });
  await wait(0);
  return { box, unmount: view.unmount };
}

/** The page's timers and Date on the tests' clock: the countdown and the retries move only when told. */
function onTheTestsClock() {
  beforeEach(() => {
    useErrorStore.setState({ error: null });
    vi.useFakeTimers({ now: TEST_NOW });
  });
  afterEach(() => {
    useCallStore.setState({ view: null, problem: null });
    vi.useRealTimers();
  });
}

describe('the call screen tries an answer again by itself while the office database is out of reach', () => {
  onTheTestsClock();

  it('counts down, tries after 2 s and then 4 s, and moves on when the third try lands', async () => {
    const callAnswer = vi
      .fn()
      .mockResolvedValueOnce(refused)
      .mockResolvedValueOnce(refused)
      .mockResolvedValueOnce(movedOn);
    const { box } = await answerOnce({ callAnswer });

    expect(callAnswer).toHaveBeenCalledTimes(1);
    expect(notice()).toHaveTextContent(
      'Not saved: the office database cannot be reached. Trying again in 2 s… (Enter tries now)',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(NOT_SAVED);
    expect(box).toHaveValue('1500');
    await wait(1000);
    expect(notice()).toHaveTextContent('Trying again in 1 s…');
    expect(callAnswer).toHaveBeenCalledTimes(1);

    await wait(1000);
    expect(callAnswer).toHaveBeenCalledTimes(2);
    // Refused again: the wait doubles; still the same answer in the box, still this question.
    expect(notice()).toHaveTextContent('Trying again in 4 s…');
    expect(screen.getByLabelText('Answer')).toHaveValue('1500');
    expect(useCallStore.getState().view?.current?.key).toBe('annual_max');

    await wait(3999);
    expect(callAnswer).toHaveBeenCalledTimes(2);
    await wait(1);
    expect(callAnswer).toHaveBeenCalledTimes(3);
    expect(useCallStore.getState().view?.current?.key).toBe('max_remaining');
    expect(notice()).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText('Answer')).toHaveValue('');
    // The same answer, for the same question, each time; and nothing left to send afterwards.
    for (const [input] of callAnswer.mock.calls)
      expect(input).toEqual({ id: 7, key: 'annual_max', answer: { type: 'money', value: 150_000 } });
    await wait(120_000);
    expect(callAnswer).toHaveBeenCalledTimes(3);
  });

  it('backs off to at most every 15 s', async () => {
    const callAnswer = vi.fn().mockResolvedValue(refused);
    await answerOnce({ callAnswer });
    // Tries at 2, 2+4, 2+4+8, then every 15 s.
    const triesAt = [2_000, 6_000, 14_000, 29_000, 44_000, 59_000];
    let elapsed = 0;
    for (const [i, at] of triesAt.entries()) {
      await wait(at - 1 - elapsed);
      expect(callAnswer).toHaveBeenCalledTimes(i + 1);
      await wait(1);
      elapsed = at;
      expect(callAnswer).toHaveBeenCalledTimes(i + 2);
    }
    expect(notice()).toHaveTextContent('Trying again in 15 s…');
  });

  it('Enter during the countdown tries at once, never twice at a time, and leaves no second timer', async () => {
    let land!: (value: unknown) => void;
    const callAnswer = vi
      .fn()
      .mockResolvedValueOnce(refused)
      .mockResolvedValueOnce(refused)
      .mockReturnValueOnce(new Promise((resolve) => (land = resolve)));
    const { box } = await answerOnce({ callAnswer });
    await wait(500);
    fireEvent.keyDown(box, { key: 'Enter' });
    await wait(0);
    expect(callAnswer).toHaveBeenCalledTimes(2);
    // Refused again: one countdown, from now (the first one's 2 s would have fired at 2 000 ms).
    expect(notice()).toHaveTextContent('Trying again in 4 s…');
    await wait(3999);
    expect(callAnswer).toHaveBeenCalledTimes(2);
    await wait(1);
    expect(callAnswer).toHaveBeenCalledTimes(3);
    expect(notice()).toHaveTextContent('Trying again now…');
    // While that try is on its way, Enter sends nothing more.
    fireEvent.keyDown(screen.getByLabelText('Answer'), { key: 'Enter' });
    await wait(10_000);
    expect(callAnswer).toHaveBeenCalledTimes(3);
    await act(async () => land(movedOn));
    expect(useCallStore.getState().view?.current?.key).toBe('max_remaining');
    expect(notice()).toBeNull();
    await wait(60_000);
    expect(callAnswer).toHaveBeenCalledTimes(3);
  });

  it('a retry told "answered already" (the first try had landed) shows where the call is, not an error', async () => {
    const callAnswer = vi.fn().mockResolvedValueOnce(refused).mockResolvedValueOnce(answeredAlready);
    const callGet = vi.fn().mockResolvedValue(movedOn);
    await answerOnce({ callAnswer, callGet });
    await wait(2000);
    expect(callAnswer).toHaveBeenCalledTimes(2);
    expect(callGet).toHaveBeenCalledWith({ id: 7 });
    expect(useCallStore.getState().view?.current?.key).toBe('max_remaining');
    expect(useCallStore.getState().problem).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(notice()).toBeNull();
    expect(screen.queryByText(/answered already/)).toBeNull();
    await wait(60_000);
    expect(callAnswer).toHaveBeenCalledTimes(2);
  });

  it('stops when the person leaves the call: nothing is sent after the screen is gone', async () => {
    const callAnswer = vi.fn().mockResolvedValue(refused);
    const { unmount } = await answerOnce({ callAnswer });
    expect(notice()).not.toBeNull();
    unmount();
    await wait(120_000);
    expect(callAnswer).toHaveBeenCalledTimes(1);
  });

  it('stops when the person edits the answer: the new one is theirs to send', async () => {
    const callAnswer = vi.fn().mockResolvedValue(refused);
    const { box } = await answerOnce({ callAnswer });
    fireEvent.change(box, { target: { value: '2500' } });
    expect(notice()).toBeNull();
    await wait(120_000);
    expect(callAnswer).toHaveBeenCalledTimes(1);
    expect(box).toHaveValue('2500');
  });

  it('stops when the session locks', async () => {
    const callAnswer = vi.fn().mockResolvedValue(refused);
    const sessionStatus = vi
      .fn()
      .mockResolvedValue({ ok: true, value: { ...OPEN_SESSION, state: 'locked' } });
    await answerOnce({ callAnswer, sessionStatus });
    // The lock as the app hears of it: the session's status says locked, the stores are emptied.
    await act(() => useSessionStore.getState().refresh());
    expect(useCallStore.getState().view).toBeNull();
    await wait(120_000);
    expect(callAnswer).toHaveBeenCalledTimes(1);
  });
});

describe("the call's other saves are tried again the same way", () => {
  onTheTestsClock();

  const onCall = (view: Partial<CallView>, api: Parameters<typeof installFakeApi>[0]) => {
    installFakeApi(api);
    useCallStore.setState({ view: { id: 7, current, ...view } as unknown as CallView, problem: null });
    render(<SaveRetryNotice />);
  };

  it("the rep's name and reference typed while the server is out: both are sent when it is back", async () => {
    const saved = { ok: true, value: { id: 7, current, repName: 'Ann', referenceNumber: 'R-1' } };
    const callSetDetails = vi
      .fn()
      .mockResolvedValueOnce(refused)
      .mockResolvedValueOnce(refused)
      .mockResolvedValueOnce(saved);
    onCall({ repName: null, referenceNumber: null }, { callSetDetails });
    await act(() => useCallStore.getState().setDetails({ repName: 'Ann' }));
    // Without Enter: the notice offers a button instead (Enter in the answer box would answer).
    expect(notice()).toHaveTextContent(
      'Not saved: the office database cannot be reached. Trying again in 2 s…',
    );
    expect(notice()).not.toHaveTextContent('Enter tries now');
    await act(() => useCallStore.getState().setDetails({ referenceNumber: 'R-1' }));
    expect(callSetDetails).toHaveBeenCalledTimes(2);
    expect(callSetDetails.mock.calls[1]![0].details).toMatchObject({
      repName: 'Ann',
      referenceNumber: 'R-1',
    });
    await wait(4000);
    expect(callSetDetails).toHaveBeenCalledTimes(3);
    expect(callSetDetails.mock.calls[2]![0].details).toMatchObject({
      repName: 'Ann',
      referenceNumber: 'R-1',
    });
    expect(useCallStore.getState().view?.repName).toBe('Ann');
    expect(notice()).toBeNull();
  });

  it('"Try now" sends the waiting save at once', async () => {
    const callSetDetails = vi
      .fn()
      .mockResolvedValueOnce(refused)
      .mockResolvedValueOnce({ ok: true, value: { id: 7, current, repName: 'Ann' } });
    onCall({ repName: null }, { callSetDetails });
    await act(() => useCallStore.getState().setDetails({ repName: 'Ann' }));
    fireEvent.click(screen.getByRole('button', { name: 'Try now' }));
    await wait(0);
    expect(callSetDetails).toHaveBeenCalledTimes(2);
    expect(notice()).toBeNull();
  });

  it('hold: a retry looks first whether the first try landed, and does not put the call back on the line', async () => {
    const callToggleHold = vi.fn().mockResolvedValueOnce(refused);
    // The first try landed although its reply was lost: the server has the call on hold.
    const callGet = vi.fn().mockResolvedValue({ ok: true, value: { id: 7, current, onHold: true } });
    onCall({ onHold: false }, { callToggleHold, callGet });
    await act(() => useCallStore.getState().toggleHold());
    await wait(2000);
    expect(callGet).toHaveBeenCalledTimes(1);
    expect(callToggleHold).toHaveBeenCalledTimes(1);
    expect(useCallStore.getState().view?.onHold).toBe(true);
    expect(notice()).toBeNull();
  });

  it('hold: a retry whose first try did not land puts the call on hold', async () => {
    const callToggleHold = vi
      .fn()
      .mockResolvedValueOnce(refused)
      .mockResolvedValueOnce({ ok: true, value: { id: 7, current, onHold: true } });
    const callGet = vi.fn().mockResolvedValue({ ok: true, value: { id: 7, current, onHold: false } });
    onCall({ onHold: false }, { callToggleHold, callGet });
    await act(() => useCallStore.getState().toggleHold());
    await wait(2000);
    expect(callToggleHold).toHaveBeenCalledTimes(2);
    expect(useCallStore.getState().view?.onHold).toBe(true);
  });

  it('read-back confirmed while the server is out lands on the retry', async () => {
    const callConfirmReadBack = vi.fn().mockResolvedValueOnce(refused).mockResolvedValueOnce(movedOn);
    onCall(
      { pendingReadBack: { key: 'annual_max' } as CallView['pendingReadBack'] },
      { callConfirmReadBack },
    );
    await act(() => useCallStore.getState().confirmReadBack());
    expect(notice()).toHaveTextContent('(Enter tries now)');
    await wait(2000);
    expect(callConfirmReadBack).toHaveBeenCalledTimes(2);
    expect(callConfirmReadBack.mock.calls[1]![0]).toEqual({ id: 7, key: 'annual_max' });
    expect(useCallStore.getState().view?.current?.key).toBe('max_remaining');
  });

  it('complete: a retry refused because the call is finished already shows the finished call, no error', async () => {
    const finished = { ok: true, value: { id: 7, current: null, status: 'completed' } };
    const callComplete = vi
      .fn()
      .mockResolvedValueOnce(refused)
      .mockResolvedValueOnce({
        ok: false,
        error: {
          code: 'conflict',
          message: 'This call is finished. Corrections are added as amendments on the record.',
        },
      });
    const callGet = vi.fn().mockResolvedValue(finished);
    onCall({}, { callComplete, callGet });
    const finish = { nextAction: 'Nothing', nextActionDue: daysFromToday(7), reverifyDate: null };
    await act(async () => void (await useCallStore.getState().complete(finish)));
    await wait(2000);
    expect(callComplete).toHaveBeenCalledTimes(2);
    expect(useCallStore.getState().view?.status).toBe('completed');
    expect(useCallStore.getState().problem).toBeNull();
    expect(useErrorStore.getState().error).toBeNull();
  });
});
