// From a finished call straight to the estimate: the call's patient and planned codes are filled in, so
// the desk only adds fees (or keeps the fee schedule's) before printing the cost summary.
import { useEffect, useRef } from 'react';
import type { CallView } from '../../../../shared/script/callViews';
import { Kbd } from '../../components/Kbd';
import { useEstimateStore } from '../../stores/estimateStore';
import { useNavStore } from '../../stores/navStore';

export function EstimateFromCallButton({
  view,
  withShortcut = false,
}: {
  view: Pick<CallView, 'patient' | 'planned'>;
  /** Alt+E does the same while the button is shown (the call screen's result). */
  withShortcut?: boolean;
}) {
  const startFromCall = useEstimateStore((s) => s.startFromCall);
  const go = useNavStore((s) => s.go);
  const run = () =>
    void startFromCall(view.patient.id, view.planned).then(
      () => go('estimate'),
      () => undefined,
    );
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    if (!withShortcut) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyE') {
        event.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [withShortcut]);
  return (
    <button type="button" className="secondary" onClick={run}>
      {withShortcut && <Kbd>Alt+E</Kbd>} Make an estimate from this call
    </button>
  );
}
