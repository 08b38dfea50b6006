// Before dialling: the patient, which coverage (plan), the planned codes and the number dialled.
import { useState, type FormEvent } from 'react';
import type { Patient } from '../../../../shared/policy/policyViews';
import { DateField } from '../../components/DateField';
import { PatientPicker } from '../../components/PatientPicker';
import { call } from '../../lib/api';
import { useCallStore } from '../../stores/callStore';

export function StartCallForm() {
  const [patient, setPatient] = useState<Patient | null>(null);
  const [coverageId, setCoverageId] = useState('');
  const [codes, setCodes] = useState('');
  const [serviceDate, setServiceDate] = useState('');
  const [dialed, setDialed] = useState('');
  const { start, problem } = useCallStore();

  const choose = async (id: number) => {
    const p = await call('patients:get', { id });
    setPatient(p);
    setCoverageId(String(p.coverages[0]?.id ?? ''));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const coverage = patient?.coverages.find((c) => String(c.id) === coverageId);
    if (!patient || !coverage) return;
    void start({
      patientId: patient.id,
      planId: coverage.plan.id,
      planned: codes
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((code) => ({ code: code.toUpperCase(), tooth: null, serviceDate })),
      dialedNumber: dialed.trim() || null,
    });
  };

  return (
    <div className="panel">
      <h2>Start a verification call</h2>
      {!patient ? (
        <PatientPicker id="call-patient" onPick={(p) => void choose(p.id)} />
      ) : (
        <form className="form" onSubmit={onSubmit} aria-label="Start a call">
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
            <label htmlFor="call-dialed">Number dialled</label>
            <input id="call-dialed" value={dialed} onChange={(e) => setDialed(e.target.value)} />
          </div>
          {problem && <p className="field-error">{problem.message}</p>}
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
