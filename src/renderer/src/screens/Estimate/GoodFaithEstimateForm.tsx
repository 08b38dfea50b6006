// For self-pay patients: issue a Good Faith Estimate from the planned codes, with diagnosis codes and
// the main service in plain words, then print it. The timing rule is shown as a reminder.
import { useState } from 'react';
import { gfeDueDate, type GfeSnapshot } from '../../../../shared/estimate/goodFaithEstimate';
import { parseMoney } from '../../../../shared/money/cents';
import { ApiError, call } from '../../lib/api';
import { useEstimateStore } from '../../stores/estimateStore';
import { today } from '../../lib/clock';

export function GoodFaithEstimateForm() {
  const { patient, lines } = useEstimateStore();
  const ready = lines.filter((l) => l.code.trim() !== '');
  const [primaryService, setPrimaryService] = useState('');
  const [scheduledDate, setScheduledDate] = useState(ready[0]?.serviceDate ?? '');
  const [diagnoses, setDiagnoses] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<GfeSnapshot | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!patient || ready.length === 0) return null;

  const due = /^\d{4}-\d{2}-\d{2}$/.test(scheduledDate) ? gfeDueDate(today(), scheduledDate) : null;

  const issue = async () => {
    setError(null);
    try {
      const gfe = await call('gfe:issue', {
        patientId: patient.id,
        primaryService,
        scheduledDate: scheduledDate.trim() === '' ? null : scheduledDate.trim(),
        items: ready.map((l) => ({
          code: l.code.trim(),
          diagnosisCodes: (diagnoses[l.key] ?? '').split(/[,\s]+/).filter(Boolean),
          // The fee typed on the line, else the office fee (the estimate above already checked it reads).
          feeCents: l.fee.trim() === '' ? null : parseMoney(l.fee),
        })),
      });
      setIssued(gfe);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The Good Faith Estimate could not be issued.');
    }
  };

  return (
    <div className="panel" aria-label="Good Faith Estimate">
      <h2>Good Faith Estimate (self-pay)</h2>
      {issued ? (
        <>
          <p className="saved" role="status">
            Issued Good Faith Estimate #{issued.id} on {issued.issuedOn}. It is kept as issued and reprints
            the same.
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void call('print:goodFaithEstimate', { id: issued.id }).then(() =>
                  setMessage('Sent to the printer.'),
                )
              }
            >
              Print Good Faith Estimate
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void call('print:goodFaithEstimatePdf', { id: issued.id }).then((r) =>
                  setMessage(r.savedTo ? `PDF saved to ${r.savedTo}` : 'Not saved.'),
                )
              }
            >
              Save Good Faith Estimate as PDF
            </button>
          </div>
          {message && <p className="saved">{message}</p>}
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor="gfe-primary">Main service, in plain words</label>
            <input
              id="gfe-primary"
              value={primaryService}
              placeholder="e.g. Cone-beam CT scan before implant surgery"
              onChange={(e) => setPrimaryService(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="gfe-scheduled">Scheduled date (empty if not scheduled)</label>
            <input
              id="gfe-scheduled"
              value={scheduledDate}
              onChange={(e) => setScheduledDate(e.target.value)}
            />
          </div>
          {ready.map((l) => (
            <div className="field" key={l.key}>
              <label htmlFor={`gfe-dx-${l.key}`}>
                Diagnosis codes for {l.code} (ICD-10-CM, comma separated)
              </label>
              <input
                id={`gfe-dx-${l.key}`}
                value={diagnoses[l.key] ?? ''}
                placeholder="e.g. K08.409"
                onChange={(e) => setDiagnoses({ ...diagnoses, [l.key]: e.target.value })}
              />
            </div>
          ))}
          {due && (
            <p className="muted">
              Timing: scheduled {scheduledDate}, so give this estimate to the patient by {due}.
            </p>
          )}
          {error && <p className="field-error">{error}</p>}
          <button type="button" className="primary" onClick={() => void issue()}>
            Issue Good Faith Estimate
          </button>
        </>
      )}
    </div>
  );
}
