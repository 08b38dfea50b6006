// Find or add a patient; edit their details, coverages and imaging history.
import { useEffect, useState, type FormEvent } from 'react';
import { formatDate } from '../../../../shared/dates/typedDate';
import { LABELS } from '../../../../shared/policy/policyTypes';
import { DateInput, typedDateProblem } from '../../components/DateField';
import { ScreenHeading } from '../../components/ScreenHeading';
import { FORM_ERROR } from '../../lib/fieldErrors';
import { useEligibilityStore } from '../../stores/eligibilityStore';
import { usePatientsStore } from '../../stores/patientsStore';
import { CoverageForm } from './CoverageForm';
import { PatientForm } from './PatientForm';

export function PatientsScreen() {
  const {
    query,
    results,
    resultsFor,
    plans,
    patient,
    creating,
    saved,
    errors,
    search,
    open,
    startNew,
    deleteCoverage,
    addService,
    clearMessages,
  } = usePatientsStore();
  const showEligibility = useEligibilityStore((s) => s.show);
  const [editingCoverage, setEditingCoverage] = useState<number | 'new' | null>(null);
  const editCoverage = (which: number | 'new' | null) => {
    clearMessages();
    setEditingCoverage(which);
  };
  const [service, setService] = useState({
    code: '',
    date: '',
    source: 'office' as 'office' | 'payer' | 'patient',
  });

  useEffect(() => {
    void search(query);
    // Load once when the screen opens; typing searches after that.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const [serviceDateProblem, setServiceDateProblem] = useState<string | undefined>(undefined);
  const onAddService = async (event: FormEvent) => {
    event.preventDefault();
    const problem = service.date === '' ? 'Type the service date.' : typedDateProblem(service.date);
    setServiceDateProblem(problem);
    if (problem) return;
    if (await addService(service.code, service.date, service.source))
      setService({ ...service, code: '', date: '' });
  };
  const serviceError = serviceDateProblem ?? errors.code ?? errors.serviceDate ?? errors[FORM_ERROR];

  return (
    <section className="screen screen-wide">
      <ScreenHeading>Patients</ScreenHeading>
      {saved && (
        <p className="saved" role="status">
          {saved}
        </p>
      )}
      <div className="two-pane">
        <nav className="pane-list" aria-label="Patients">
          <button type="button" className="secondary add" onClick={startNew}>
            + New patient
          </button>
          <button type="button" className="secondary add" onClick={showEligibility}>
            Eligibility files (271)…
          </button>
          <label htmlFor="patient-search" className="search-label">
            Find a patient
          </label>
          <input
            id="patient-search"
            className="list-search"
            // The screen starts at the search: most visits here are to find someone.
            autoFocus
            value={query}
            autoComplete="off"
            placeholder="Name, birth date or member ID"
            onChange={(e) => void search(e.target.value)}
          />
          {query.trim() !== '' && resultsFor === query && results.length === 0 && (
            <p className="muted no-match" role="status">
              No patient matches “{query.trim()}”. Try the last name alone, the birth date or the member ID.
            </p>
          )}
          <ul className="tree">
            {results.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`tree-item person${patient?.id === p.id ? ' selected' : ''}`}
                  onClick={() => void open(p.id)}
                >
                  <span>
                    {p.lastName}, {p.firstName}
                    {p.isSample && <span className="badge badge-sample">Sample</span>}
                  </span>
                  <span className="person-dob">born {formatDate(p.dob)}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="pane-detail">
          {!patient && !creating && <p className="muted">Find a patient on the left, or add one.</p>}
          {(patient || creating) && (
            <>
              <h2 className="form-title">
                {patient ? `${patient.firstName} ${patient.lastName}` : 'New patient'}
              </h2>
              <PatientForm key={patient?.id ?? 'new'} patient={patient} />
            </>
          )}
          {patient && (
            <>
              <h3 className="section-title">Coverage</h3>
              {patient.coverages.length === 0 && (
                <p className="muted">No coverage on file: the patient is self-pay until one is added.</p>
              )}
              <ul className="coverage-list">
                {patient.coverages.map((c) =>
                  editingCoverage === c.id ? (
                    <li key={c.id}>
                      <CoverageForm
                        patient={patient}
                        coverage={c}
                        plans={plans}
                        ordinal={c.ordinal}
                        onDone={() => setEditingCoverage(null)}
                      />
                    </li>
                  ) : (
                    <li key={c.id} className="coverage-card">
                      <strong>{c.ordinal === 1 ? 'Primary' : 'Secondary'}:</strong> {c.plan.payerName},{' '}
                      {c.plan.name} ({LABELS.planType[c.plan.planType]}) · member {c.memberId} · subscriber{' '}
                      {c.subscriberName} ({c.relationship})
                      {typeof c.effectiveDate.value === 'string' &&
                        ` · from ${formatDate(c.effectiveDate.value)}`}
                      {typeof c.terminationDate.value === 'string' &&
                        ` to ${formatDate(c.terminationDate.value)}`}
                      <span className="actions">
                        <button type="button" className="secondary" onClick={() => editCoverage(c.id)}>
                          Edit
                        </button>
                        <button type="button" className="secondary" onClick={() => void deleteCoverage(c.id)}>
                          Remove
                        </button>
                      </span>
                    </li>
                  ),
                )}
              </ul>
              {editingCoverage === 'new' ? (
                <CoverageForm
                  patient={patient}
                  coverage={null}
                  plans={plans}
                  ordinal={patient.coverages.some((c) => c.ordinal === 1) ? 2 : 1}
                  onDone={() => setEditingCoverage(null)}
                />
              ) : (
                patient.coverages.length < 2 && (
                  <button type="button" className="secondary" onClick={() => editCoverage('new')}>
                    + Add coverage
                  </button>
                )
              )}

              <h3 className="section-title">Imaging history</h3>
              <form
                className="inline-form"
                onSubmit={(e) => void onAddService(e)}
                aria-label="Add a past service"
              >
                <input
                  aria-label="Code"
                  placeholder="Code, e.g. D0330"
                  value={service.code}
                  onChange={(e) => setService({ ...service, code: e.target.value })}
                />
                <DateInput
                  aria-label="Service date"
                  value={service.date}
                  onChange={(date) => setService({ ...service, date })}
                />
                <select
                  aria-label="Source"
                  value={service.source}
                  onChange={(e) =>
                    setService({ ...service, source: e.target.value as typeof service.source })
                  }
                >
                  <option value="office">Our office</option>
                  <option value="payer">Payer history</option>
                  <option value="patient">Patient said</option>
                </select>
                <button type="submit" className="secondary">
                  Add
                </button>
              </form>
              {serviceError && editingCoverage === null && <p className="field-error">{serviceError}</p>}
              <table className="history">
                <tbody>
                  {patient.serviceHistory.map((r) => (
                    <tr key={r.uid}>
                      <td>{formatDate(r.serviceDate)}</td>
                      <td>{r.code}</td>
                      <td>
                        {r.source === 'office'
                          ? 'Our office'
                          : r.source === 'payer'
                            ? 'Payer history'
                            : 'Patient said'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
