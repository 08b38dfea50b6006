// ENC-6: when the data was opened with the recovery code instead of this computer's stored key, the
// next administrator to sign in is told before anything else, and decides whether that was expected.
import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../../lib/api';
import { localDateTime } from '../../lib/localDateTime';
import { useNavStore } from '../../stores/navStore';
import { SessionCard } from './SessionCard';

export function EmergencyAccessGate({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<{ id: number; at: string } | null>(null);
  const openSettings = useNavStore((s) => s.openSettings);
  useEffect(() => {
    void call('security:emergencyAccess', {}).then(
      (r) => setNotice(r.notice),
      () => setNotice(null),
    );
  }, []);
  if (notice === null) return <>{children}</>;
  const acknowledge = (then?: () => void) =>
    void call('security:acknowledgeEmergencyAccess', { id: notice.id }).then(() => {
      setNotice(null);
      then?.();
    });
  return (
    <SessionCard title="The recovery code was used" width="medium">
      <p>
        On {localDateTime(notice.at)}, the patient data on this computer was opened with the practice’s
        recovery code instead of this computer’s own key. That is expected after moving to a new computer or
        restoring a backup onto one.
      </p>
      <p>
        If nobody at the practice did that, someone may have the code and a copy of the data. Change the
        database key now: the old code stops working and you store a new one.
      </p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => acknowledge(() => openSettings('key'))}>
          Change the database key
        </button>
        <button type="button" className="secondary" onClick={() => acknowledge()}>
          We expected this
        </button>
      </div>
    </SessionCard>
  );
}
