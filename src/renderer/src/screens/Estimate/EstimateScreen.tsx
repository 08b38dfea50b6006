// Pick a patient and the planned codes; the estimate updates as you type. Save makes an immutable
// snapshot that can be printed for the patient.
import { useState } from 'react';
import { formatCents } from '../../../../shared/money/cents';
import type { EstimateView } from '../../../../shared/estimate/estimateViews';
import { PatientPicker } from '../../components/PatientPicker';
import { ScreenHeading } from '../../components/ScreenHeading';
import { call } from '../../lib/api';
import { useEstimateStore } from '../../stores/estimateStore';
import { GoodFaithEstimateForm } from './GoodFaithEstimateForm';

const money = (cents: number | null) => (cents === null ? 'Unknown' : formatCents(cents));

function ResultTable({ view }: { view: EstimateView }) {
  return (
    <table className="estimate-table" aria-label="Estimate">
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">What it is</th>
          <th scope="col">Tooth / area</th>
          <th scope="col" className="num">
            Fee
          </th>
          {view.coverages.map((c) => (
            <th scope="col" className="num" key={c.ordinal}>
              {c.ordinal === 1 ? 'Primary' : 'Secondary'} pays
            </th>
          ))}
          <th scope="col" className="num">
            Write-off
          </th>
          <th scope="col" className="num">
            Patient
          </th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {view.lines.map((l) => (
          <tr key={l.id}>
            <td>{l.code}</td>
            <td className="what">{l.summary}</td>
            <td>{l.tooth ?? ''}</td>
            <td className="num">{money(l.feeCents)}</td>
            {l.coverages.map((c) => (
              <td className="num" key={c.ordinal}>
                {money(c.insuranceCents)}
              </td>
            ))}
            <td className="num">{money(l.writeOffCents)}</td>
            <td className="num strong">{money(l.patientCents)}</td>
            <td className="notes">
              <ul>
                {[
                  ...l.unknown.map((text) => ({ code: 'unknown', text })),
                  ...l.coverages.flatMap((c) => c.notes),
                  ...l.flags,
                ].map((n, i) => (
                  <li key={i} className={`note-${n.code}`}>
                    {n.text}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td className="num">{money(view.totals.feeCents)}</td>
          {view.coverageTotals.map((c) => (
            <td className="num" key={c.ordinal}>
              {money(c.insuranceCents)}
            </td>
          ))}
          <td className="num">{money(view.totals.writeOffCents)}</td>
          <td className="num strong">{money(view.totals.patientCents)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

export function EstimateScreen() {
  const {
    patient,
    lines,
    selfPay,
    view,
    problem,
    saved,
    addLine,
    updateLine,
    removeLine,
    setSelfPay,
    save,
    setPatient,
  } = useEstimateStore();
  const [printMessage, setPrintMessage] = useState<string | null>(null);
  const readyIndex = (key: number) =>
    lines.filter((l) => l.code.trim() !== '').findIndex((l) => l.key === key);
  const lineProblem = (key: number, field: string) =>
    problem?.field === `lines.${readyIndex(key)}.${field}` ? problem.message : undefined;

  return (
    <section className="screen screen-wide">
      <ScreenHeading>Estimate</ScreenHeading>
      <div className="panel">
        {patient ? (
          <p>
            <strong>
              {patient.firstName} {patient.lastName}
            </strong>{' '}
            (born {patient.dob}){' '}
            <button
              type="button"
              className="secondary"
              onClick={() => useEstimateStore.setState({ patient: null, view: null, saved: null })}
            >
              Change patient
            </button>
          </p>
        ) : (
          <PatientPicker id="estimate-patient" onPick={setPatient} />
        )}
        <label className="checkbox">
          <input type="checkbox" checked={selfPay} onChange={(e) => setSelfPay(e.target.checked)} /> Self-pay
          (ignore coverage on file)
        </label>
        <table className="lines-editor" aria-label="Planned codes">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Tooth / area</th>
              <th scope="col">Date of service</th>
              <th scope="col">Fee (empty = office fee)</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.key}>
                <td>
                  <input
                    aria-label={`Code, line ${i + 1}`}
                    value={l.code}
                    placeholder="D0367"
                    onChange={(e) => updateLine(l.key, { code: e.target.value })}
                  />
                  {lineProblem(l.key, 'code') && <p className="field-error">{lineProblem(l.key, 'code')}</p>}
                </td>
                <td>
                  <input
                    aria-label={`Tooth or area, line ${i + 1}`}
                    value={l.tooth}
                    onChange={(e) => updateLine(l.key, { tooth: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Date of service, line ${i + 1}`}
                    value={l.serviceDate}
                    onChange={(e) => updateLine(l.key, { serviceDate: e.target.value })}
                  />
                  {lineProblem(l.key, 'serviceDate') && (
                    <p className="field-error">{lineProblem(l.key, 'serviceDate')}</p>
                  )}
                </td>
                <td>
                  <input
                    aria-label={`Fee, line ${i + 1}`}
                    value={l.fee}
                    placeholder="office fee"
                    onChange={(e) => updateLine(l.key, { fee: e.target.value })}
                  />
                  {lineProblem(l.key, 'feeCents') && (
                    <p className="field-error">{lineProblem(l.key, 'feeCents')}</p>
                  )}
                </td>
                <td>
                  {lines.length > 1 && (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Remove line ${i + 1}`}
                      onClick={() => removeLine(l.key)}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="secondary" onClick={addLine}>
          + Add a code
        </button>
        {problem && problem.field === null && <p className="field-error">{problem.message}</p>}
      </div>
      {view && (
        <div className="panel">
          <h2>
            {view.selfPay
              ? 'Self-pay estimate'
              : view.coverages.map((c) => `${c.label} (${c.planName})`).join(' · ')}
          </h2>
          <ResultTable view={view} />
          {view.coverageTotals.map((c) => (
            <p key={c.ordinal} className="muted">
              {c.ordinal === 1 ? 'Primary' : 'Secondary'} after this estimate: annual maximum left{' '}
              {money(c.maxRemainingCents)}, deductible left {money(c.deductibleRemainingCents)}.
            </p>
          ))}
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void save()}>
              Save estimate
            </button>
            {saved && (
              <>
                <span className="saved" role="status">
                  Saved as estimate #{saved.id}, valid until {saved.validUntil}.
                </span>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void call('print:costSummary', { estimateId: saved.id }).then(
                      () => setPrintMessage('Sent to the printer.'),
                      () => undefined,
                    )
                  }
                >
                  Print cost summary
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void call('print:costSummaryPdf', { estimateId: saved.id }).then(
                      (r) => setPrintMessage(r.savedTo ? `PDF saved to ${r.savedTo}` : 'Not saved.'),
                      () => undefined,
                    )
                  }
                >
                  Save as PDF
                </button>
              </>
            )}
          </div>
          {printMessage && saved && (
            <p className="saved" role="status">
              {printMessage}
            </p>
          )}
          <div></div>
        </div>
      )}
      {view?.selfPay && <GoodFaithEstimateForm key={view.patient.id} />}
    </section>
  );
}
