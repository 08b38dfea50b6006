// Pick a patient and the planned codes; the estimate updates as you type. Save makes an immutable
// snapshot that can be printed for the patient.
import { useEffect } from 'react';
import { printName, PRINT_NAMED_CODES } from '../../../../shared/catalog/printNames';
import { formatDate } from '../../../../shared/dates/typedDate';
import type { EstimateView } from '../../../../shared/estimate/estimateViews';
import { formatCents } from '../../../../shared/money/cents';
import { DateInput } from '../../components/DateField';
import { PatientPicker } from '../../components/PatientPicker';
import { ScreenHeading } from '../../components/ScreenHeading';
import { call } from '../../lib/api';
import { FORM_ERROR } from '../../lib/fieldErrors';
import { lineProblems, normalCode, useEstimateStore } from '../../stores/estimateStore';
import { GoodFaithEstimateForm } from './GoodFaithEstimateForm';

const NAMED = new Set(PRINT_NAMED_CODES);
/** Our short name for a code ("Cone-beam CT, both jaws"); the full summary is its tooltip. */
const shortName = (code: string) => (NAMED.has(code) ? printName(code, 'en') : null);
const money = (cents: number | null) => (cents === null ? 'Unknown' : formatCents(cents));
const ordinalName = (ordinal: 1 | 2) => (ordinal === 1 ? 'Primary' : 'Secondary');

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
              {ordinalName(c.ordinal)} pays
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
            <td className="what" title={l.summary}>
              {shortName(l.code) ?? l.summary}
            </td>
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
    officeFees,
    view,
    serverProblems,
    saved,
    printMessage,
    loadReference,
    addLine,
    updateLine,
    markLeft,
    removeLine,
    setSelfPay,
    save,
    setPatient,
    clearPatient,
    setPrintMessage,
  } = useEstimateStore();
  useEffect(() => {
    void loadReference();
  }, [loadReference]);
  const problems = lineProblems(lines, officeFees);
  const message = (key: number, field: 'code' | 'serviceDate' | 'feeCents') =>
    problems[key]?.[field] ?? serverProblems[`${key}.${field}`];

  return (
    <section className="screen screen-wide">
      <ScreenHeading>Estimate</ScreenHeading>
      <div className="panel">
        {patient ? (
          <p>
            <strong>
              {patient.firstName} {patient.lastName}
            </strong>{' '}
            (born {formatDate(patient.dob)}){' '}
            <button type="button" className="secondary" onClick={clearPatient}>
              Change patient
            </button>
          </p>
        ) : (
          <PatientPicker id="estimate-patient" autoFocus onPick={setPatient} />
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
              <th scope="col">Fee</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => {
              const code = normalCode(l.code);
              const office = officeFees[code];
              return (
                <tr key={l.key}>
                  <td>
                    <input
                      aria-label={`Code, line ${i + 1}`}
                      value={l.code}
                      placeholder="D0367"
                      onChange={(e) => updateLine(l.key, { code: e.target.value })}
                      onBlur={() => markLeft(l.key, 'codeLeft')}
                    />
                    {shortName(code) && <p className="line-summary">{shortName(code)}</p>}
                    {message(l.key, 'code') && <p className="field-error">{message(l.key, 'code')}</p>}
                  </td>
                  <td>
                    <input
                      aria-label={`Tooth or area, line ${i + 1}`}
                      value={l.tooth}
                      onChange={(e) => updateLine(l.key, { tooth: e.target.value })}
                    />
                  </td>
                  <td>
                    <DateInput
                      aria-label={`Date of service, line ${i + 1}`}
                      value={l.serviceDate}
                      error={
                        serverProblems[`${l.key}.serviceDate`] ??
                        (l.serviceDate === '' ? problems[l.key]?.serviceDate : undefined)
                      }
                      onChange={(serviceDate) => updateLine(l.key, { serviceDate })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Fee, line ${i + 1}`}
                      value={l.fee}
                      placeholder={
                        office === undefined ? 'Type the fee' : `${formatCents(office)} (office fee)`
                      }
                      aria-invalid={message(l.key, 'feeCents') ? true : undefined}
                      onChange={(e) => updateLine(l.key, { fee: e.target.value })}
                      onBlur={() => markLeft(l.key, 'feeLeft')}
                    />
                    {message(l.key, 'feeCents') && (
                      <p className="field-error">{message(l.key, 'feeCents')}</p>
                    )}
                    {problems[l.key]?.feeHint && <p className="line-hint">{problems[l.key]!.feeHint}</p>}
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
              );
            })}
          </tbody>
        </table>
        <button type="button" className="secondary" onClick={addLine}>
          + Add a code
        </button>
        {serverProblems[FORM_ERROR] && <p className="field-error">{serverProblems[FORM_ERROR]}</p>}
      </div>
      {view && (
        <div className="panel">
          <h2>
            {view.selfPay
              ? 'Self-pay estimate'
              : view.coverages
                  .map((c) => `${ordinalName(c.ordinal)}: ${c.payerName}, ${c.planName}`)
                  .join(' · ')}
          </h2>
          <ResultTable view={view} />
          {view.coverageTotals.map((c) => (
            <p key={c.ordinal} className="muted">
              {ordinalName(c.ordinal)} after this estimate: annual maximum left {money(c.maxRemainingCents)},
              deductible left {money(c.deductibleRemainingCents)}.
            </p>
          ))}
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void save()}>
              Save estimate
            </button>
            {saved && (
              <>
                <span className="saved" role="status">
                  Saved as estimate #{saved.id}, valid until {formatDate(saved.validUntil)}.
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
        </div>
      )}
      {view?.selfPay && <GoodFaithEstimateForm />}
    </section>
  );
}
