// Upcoming appointments that need a verification call before the patient arrives, soonest first.
import { useEffect, useState } from 'react';
import { formatDate, formatDateOr } from '../../../../shared/dates/typedDate';
import { REVERIFY_LABELS } from '../../../../shared/worklist/reverify';
import type { ReverifyItem } from '../../../../shared/worklist/reverifyViews';
import { useOfficeChanges } from '../../hooks/useOfficeChanges';
import { call } from '../../lib/api';

export function ReverifyWorklist() {
  const [items, setItems] = useState<ReverifyItem[]>([]);
  const load = () =>
    void call('reverify:worklist', {}).then(
      (r) => setItems(r),
      () => undefined,
    );
  useEffect(load, []);
  // A call completed or an appointment planned at another desk: the list follows.
  useOfficeChanges('reverify', load);
  return (
    <section className="panel" aria-label="Verify before the appointment">
      <h2>Verify before the appointment</h2>
      {items.length === 0 ? (
        <p className="muted">Every upcoming appointment has a current verification.</p>
      ) : (
        <table className="estimate-table" aria-label="Re-verify worklist">
          <thead>
            <tr>
              <th scope="col">Appointment</th>
              <th scope="col">Patient</th>
              <th scope="col">Payer and plan</th>
              <th scope="col">Codes</th>
              <th scope="col">Last verified</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={`${i.patientId}-${i.serviceDate}`}>
                <td>{formatDate(i.serviceDate)}</td>
                <td>{i.patientName}</td>
                <td>
                  {i.payerName}, {i.planName}
                </td>
                <td>{i.codes.join(', ')}</td>
                <td>
                  {formatDateOr(i.verifiedOn, 'Never')}
                  {i.eligibilityCheckedOn && (
                    <div className="muted small">271 file {formatDate(i.eligibilityCheckedOn)}</div>
                  )}
                </td>
                <td>
                  {i.reasons.map((r) => (
                    <span key={r} className="badge badge-pa">
                      {REVERIFY_LABELS[r]}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
