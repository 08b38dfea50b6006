// For self-pay patients: issue a Good Faith Estimate from the planned codes, with diagnosis codes and
// the main service in plain words, then print it. The timing rule is shown as a reminder. What is typed
// is kept in the estimate store, so it survives a trip to another screen.
import { isIsoDate } from '../../../../shared/dates/calendar';
import { formatDate } from '../../../../shared/dates/typedDate';
import { gfeDueDate } from '../../../../shared/estimate/goodFaithEstimate';
import { parseMoney } from '../../../../shared/money/cents';
import { DateField, typedDateProblem } from '../../components/DateField';
import { ApiError, call } from '../../lib/api';
import { today } from '../../lib/clock';
import { isReady, normalCode, useEstimateStore } from '../../stores/estimateStore';

export function GoodFaithEstimateForm() {
  const { patient, lines, gfe, updateGfe } = useEstimateStore();
  const ready = lines.filter(isReady);
  if (!patient || ready.length === 0) return null;
  // Until the desk types a date, the estimate's first date of service is the scheduled date.
  const scheduledDate = gfe.scheduledDate ?? ready[0]?.serviceDate ?? '';
  const due = isIsoDate(scheduledDate) ? gfeDueDate(today(), scheduledDate) : null;

  const issue = async () => {
    const dateProblem = typedDateProblem(scheduledDate);
    if (dateProblem) {
      updateGfe({ error: dateProblem });
      return;
    }
    updateGfe({ error: null });
    try {
      const issued = await call('gfe:issue', {
        patientId: patient.id,
        primaryService: gfe.primaryService,
        scheduledDate: scheduledDate.trim() === '' ? null : scheduledDate,
        items: ready.map((l) => ({
          code: normalCode(l.code),
          diagnosisCodes: (gfe.diagnoses[l.key] ?? '').split(/[,\s]+/).filter(Boolean),
          // The fee typed on the line, else the office fee (the estimate above already checked it reads).
          feeCents: l.fee.trim() === '' ? null : parseMoney(l.fee),
        })),
      });
      updateGfe({ issued });
    } catch (e) {
      updateGfe({
        error: e instanceof ApiError ? e.message : 'The Good Faith Estimate could not be issued.',
      });
    }
  };

  return (
    <div className="panel" aria-label="Good Faith Estimate">
      <h2>Good Faith Estimate (self-pay)</h2>
      {gfe.issued ? (
        <>
          <p className="saved" role="status">
            Issued Good Faith Estimate #{gfe.issued.id} on {formatDate(gfe.issued.issuedOn)}. It is kept as
            issued and reprints the same.
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void call('print:goodFaithEstimate', { id: gfe.issued!.id }).then(
                  () => updateGfe({ message: 'Sent to the printer.' }),
                  () => undefined,
                )
              }
            >
              Print Good Faith Estimate
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void call('print:goodFaithEstimatePdf', { id: gfe.issued!.id }).then(
                  (r) => updateGfe({ message: r.savedTo ? `PDF saved to ${r.savedTo}` : 'Not saved.' }),
                  () => undefined,
                )
              }
            >
              Save Good Faith Estimate as PDF
            </button>
          </div>
          {gfe.message && <p className="saved">{gfe.message}</p>}
        </>
      ) : (
        <div className="form">
          <div className="field span-all">
            <label htmlFor="gfe-primary">Main service, in plain words</label>
            <input
              id="gfe-primary"
              value={gfe.primaryService}
              placeholder="e.g. Cone-beam CT scan before implant surgery"
              onChange={(e) => updateGfe({ primaryService: e.target.value })}
            />
          </div>
          <DateField
            id="gfe-scheduled"
            label="Scheduled date (empty if not scheduled)"
            value={scheduledDate}
            onChange={(value) => updateGfe({ scheduledDate: value })}
          />
          <div className="field-note">
            {due && (
              <p className="muted">
                Scheduled {formatDate(scheduledDate)}: give this estimate to the patient by {formatDate(due)}.
              </p>
            )}
          </div>
          {ready.map((l) => (
            <div className="field" key={l.key}>
              <label htmlFor={`gfe-dx-${l.key}`}>
                Diagnosis codes for {normalCode(l.code)} (ICD-10-CM, comma separated)
              </label>
              <input
                id={`gfe-dx-${l.key}`}
                value={gfe.diagnoses[l.key] ?? ''}
                placeholder="e.g. K08.409"
                onChange={(e) => updateGfe({ diagnoses: { ...gfe.diagnoses, [l.key]: e.target.value } })}
              />
            </div>
          ))}
          {gfe.error && <p className="field-error form-message">{gfe.error}</p>}
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void issue()}>
              Issue Good Faith Estimate
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
