// What the call screen says while the office database is out of reach: the last action was not saved,
// and when it is tried again (a live countdown). Saves are retried only while this notice is on screen,
// so nothing is sent behind a person's back once they left the call or the session locked.
import { useEffect } from 'react';
import { Kbd } from '../../components/Kbd';
import { useNow } from '../../hooks/useNow';
import { useCallStore } from '../../stores/callStore';

/** "in 2 s": whole seconds left, never below one while the wait lasts. */
function Countdown({ at }: { at: number }) {
  const now = useNow(true);
  return <>Trying again in {Math.max(1, Math.ceil((at - now) / 1000))} s…</>;
}

export function SaveRetryNotice() {
  const retry = useCallStore((s) => s.retry);
  const retryOnScreen = useCallStore((s) => s.retryOnScreen);
  const retryNow = useCallStore((s) => s.retryNow);
  useEffect(() => {
    retryOnScreen(true);
    return () => retryOnScreen(false);
  }, [retryOnScreen]);
  if (!retry) return null;
  // Enter sends it again only where Enter is what saves it: the question, read-back or finish form.
  const enterTries = retry.waiting.includes('step');
  return (
    <div className="save-retry" role="status" aria-live="polite">
      <p>
        <strong>Not saved:</strong> the office database cannot be reached.{' '}
        {/* Its own line: what happens next, not wrapped into the sentence before it. */}
        <span className="save-retry-when">
          {retry.at === null ? (
            'Trying again now…'
          ) : (
            // Keyed on the deadline: the one-second tick starts with each wait, so the count is on time.
            <Countdown key={retry.at} at={retry.at} />
          )}
          {enterTries && (
            <>
              {' '}
              (<Kbd>Enter</Kbd> tries now)
            </>
          )}
        </span>
      </p>
      {retry.at !== null && (
        <button type="button" className="secondary" onClick={retryNow}>
          Try now
        </button>
      )}
    </div>
  );
}
