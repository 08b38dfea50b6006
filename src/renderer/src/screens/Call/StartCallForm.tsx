// Before dialling: the patient, which coverage (plan), the planned codes and the number dialled (the
// payer's number on file, until the caller types another). Main checks the codes (unknown or deleted ones
// are refused) and the date (outside the coverage's dates is a warning the caller confirms). "Verify now"
// on a to-do arrives here with everything filled in. Focus goes to the first field still empty, so the
// form is filled from the keyboard without a mouse; Enter starts the call.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Payer, Patient } from '../../../../shared/policy/policyViews';
import { dialledNumberFor } from '../../../../shared/script/callViews';
import { DateField } from '../../components/DateField';
import { PatientPicker } from '../../components/PatientPicker';
import { call } from '../../lib/api';
import { useCallStore } from '../../stores/callStore';

export function StartCallForm() {
  const [patient, setPatient] = useState<Patient | null>(null);
  const [coverageId, setCoverageId] = useState('');
  const [payers, setPayers] = useState<Payer[]>([]);
  // What the caller typed as the number dialled; until then, the payer's number on file.
  const [typedDialed, setTypedDialed] = useState<string | null>(null);
  const { start, problem, prefill } = useCallStore();
  const [codes, setCodes] = useState(() => prefill?.codes.join(', ') ?? '');
  const [serviceDate, setServiceDate] = useState(() => prefill?.serviceDate ?? '');
  const warnings = problem?.field === 'acceptWarnings' ? problem.message : null;
  const form = useRef<HTMLFormElement>(null);
  const goAnyway = useRef<HTMLButtonElement>(null);
  // A warning before dialling: the next key is the caller's decision, so the way on takes focus.
  useEffect(() => {
    if (warnings) goAnyway.current?.focus();
  }, [warnings]);

  useEffect(() => {
    void call('payers:list', {}).then(setPayers, () => undefined);
  }, []);

  const coverage = patient?.coverages.find((c) => String(c.id) === coverageId) ?? null;
  const payer = coverage ? payers.find((p) => p.id === coverage.plan.payerId) : undefined;
  const payerNumber = payer ? (dialledNumberFor(payer, 'dental') ?? '') : '';
  const dialed = typedDialed ?? payerNumber;

  const chosen = (p: Patient, coverage: Patient['coverages'][number] | undefined) => {
    setPatient(p);
    setCoverageId(String(coverage?.id ?? ''));
  };
  const choose = async (id: number) => {
    const p = await call('patients:get', { id });
    chosen(p, p.coverages[0]);
  };

  // From a to-do's "Verify now": the patient and the plan are read once the form is on screen.
  useEffect(() => {
    if (!prefill) return;
    void call('patients:get', { id: prefill.patientId }).then((p) =>
      chosen(p, p.coverages.find((c) => c.plan.id === prefill.planId) ?? p.coverages[0]),
    );
  }, [prefill]);

  // Once the patient is chosen: the first field still to fill (the coverage when there is a choice).
  useEffect(() => {
    if (!patient) return;
    const fields = form.current;
    if (!fields) return;
    const first =
      (patient.coverages.length > 1 && !prefill ? fields.querySelector('#call-coverage') : null) ??
      [...fields.querySelectorAll<HTMLInputElement>('input')].find((i) => i.value.trim() === '') ??
      fields.querySelector('button[type="submit"]');
    (first as HTMLElement | null)?.focus();
    // Only when the patient changes: typing must not move the caret elsewhere.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [patient]);

  const submit = (acceptWarnings: boolean) => {
    if (!patient || !coverage) return;
    void start({
      acceptWarnings,
      patientId: patient.id,
      planId: coverage.plan.id,
      planned: codes
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((code) => ({ code: code.toUpperCase(), tooth: null, serviceDate })),
      dialedNumber: dialed.trim() || null,
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(false);
  };

  return (
    <div className="panel">
      <h2>Start a verification call</h2>
      {!patient ? (
        <PatientPicker id="call-patient" autoFocus onPick={(p) => void choose(p.id)} />
      ) : (
        <form ref={form} className="form" onSubmit={onSubmit} aria-label="Start a call">
          <p className="form-title">
            {patient.firstName} {patient.lastName}
          </p>
          {patient.coverages.length === 0 ? (
            <p className="field-error">
              This patient has no coverage on file. Add it on the Patients screen first.
            </p>
          ) : (
            <div className="field">
              <label htmlFor="call-coverage">Coverage to verify</label>
              <select id="call-coverage" value={coverageId} onChange={(e) => setCoverageId(e.target.value)}>
                {patient.coverages.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.ordinal === 1 ? 'Primary' : 'Secondary'}: {c.plan.payerName}, {c.plan.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="call-codes">Planned codes</label>
            <input
              id="call-codes"
              value={codes}
              placeholder="D0367, D0330"
              onChange={(e) => setCodes(e.target.value)}
            />
          </div>
          <DateField id="call-date" label="Date of service" value={serviceDate} onChange={setServiceDate} />
          <div className="field">
            <label htmlFor="call-dialed">
              Number dialled{' '}
              {payerNumber && dialed === payerNumber && <span className="hint">(the payer’s)</span>}
            </label>
            <input id="call-dialed" value={dialed} onChange={(e) => setTypedDialed(e.target.value)} />
          </div>
          {problem && !warnings && <p className="field-error">{problem.message}</p>}
          {warnings && (
            <div className="notice" role="alert">
              <p className="notice-title">Check before dialling</p>
              <p>{warnings}</p>
              <button ref={goAnyway} type="button" className="secondary" onClick={() => submit(true)}>
                Start the call anyway
              </button>
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className="primary">
              Start the call
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
