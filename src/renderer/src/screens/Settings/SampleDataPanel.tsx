// Shows whether the fictional sample payers are still here, and removes them in one action (confirmed).
import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { plural } from '../../lib/plural';

export function SampleDataPanel() {
  const [counts, setCounts] = useState<{ payers: number; plans: number } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void call('sample:status', {}).then(setCounts, () => setCounts(null));
  }, []);

  if (!counts || (counts.payers === 0 && message === null)) return null;

  const remove = async () => {
    try {
      const removed = await call('sample:remove', {});
      setMessage(`Removed ${plural(removed.payers, 'sample payer')} and ${plural(removed.plans, 'plan')}.`);
      setCounts({ payers: 0, plans: 0 });
    } catch {
      setConfirming(false);
    }
  };

  return (
    <div className="panel">
      <h2>Sample data</h2>
      {counts.payers > 0 ? (
        <>
          <p>
            VerifyDesk came with {plural(counts.payers, 'fictional sample payer')} (
            {plural(counts.plans, 'plan')}) so you can try it. Their names start with SAMPLE; none of them is
            real.
          </p>
          <button
            type="button"
            className={confirming ? 'danger' : 'secondary'}
            onClick={() => (confirming ? void remove() : setConfirming(true))}
          >
            {confirming ? `Yes, remove ${plural(counts.payers, 'sample payer')}` : 'Remove sample data'}
          </button>
          {confirming && (
            <button type="button" className="secondary cancel" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          )}
        </>
      ) : (
        <p className="saved" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
