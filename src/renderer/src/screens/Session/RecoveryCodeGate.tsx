// Until an administrator confirms it is stored, the recovery code is shown before anything else: with
// it (and only with it) the data opens on another computer after a restore. Print puts this card alone
// on paper (print.css hides everything else); the code breaks only between its groups.
import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../../lib/api';
import { SessionCard } from './SessionCard';
import { GroupedCode } from '../../components/GroupedCode';

export function RecoveryCodeGate({ children }: { children: ReactNode }) {
  const [code, setCode] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  useEffect(() => {
    void call('security:recoveryCode', {}).then(
      (r) => setCode(r.code),
      () => setCode(null),
    );
  }, []);
  if (code === null) return <>{children}</>;
  return (
    <SessionCard title="Store the recovery code" width="medium">
      <p>
        Patient data is encrypted with a key only this computer can unlock. If the computer is replaced or its
        user profile is lost, this code is the only way to open the data or a backup on another computer.
      </p>
      <GroupedCode code={code} label="The recovery code" />
      <p className="muted">
        Print it or write it down, and keep it locked away with the practice’s other important papers. Anyone
        with the code and a copy of the database can read it. It is not shown again.
      </p>
      <div className="form-actions no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print the recovery code
        </button>
      </div>
      <label className="checkbox no-print">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> I have
        stored the recovery code safely
      </label>
      <div className="form-actions no-print">
        <button
          type="button"
          className="primary"
          disabled={!confirmed}
          onClick={() => void call('security:recoveryCodeStored', {}).then(() => setCode(null))}
        >
          Continue
        </button>
      </div>
    </SessionCard>
  );
}
