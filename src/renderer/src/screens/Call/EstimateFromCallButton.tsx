// From a finished call straight to the estimate: the call's patient and planned codes are filled in, so
// the desk only adds fees (or keeps the fee schedule's) before printing the cost summary.
import type { CallView } from '../../../../shared/script/callViews';
import { useEstimateStore } from '../../stores/estimateStore';
import { useNavStore } from '../../stores/navStore';

export function EstimateFromCallButton({ view }: { view: Pick<CallView, 'patient' | 'planned'> }) {
  const startFromCall = useEstimateStore((s) => s.startFromCall);
  const go = useNavStore((s) => s.go);
  return (
    <button
      type="button"
      className="secondary"
      onClick={() =>
        void startFromCall(view.patient.id, view.planned).then(
          () => go('estimate'),
          () => undefined,
        )
      }
    >
      Make an estimate from this call
    </button>
  );
}
