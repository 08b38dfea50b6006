// Find or add a patient; edit their details, coverages and imaging history.
import { useEffect, useState, type FormEvent } from 'react';
import { LABELS } from '../../../../shared/policy/policyTypes';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useEligibilityStore } from '../../stores/eligibilityStore';
import { usePatientsStore } from '../../stores/patientsStore';
import { CoverageForm } from './CoverageForm';
import { PatientForm } from './PatientForm';

export function PatientsScreen() {
  const {
    query,
    results,
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
  } = usePatientsStore();
  const showEligibility = useEligibilityStore((s) => s.show);
  const [editingCoverage, setEditingCoverage] = useState<number | 'new' | null>(null);
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

  const onAddService = async (event: FormEvent) => {
    event.preventDefault();
    if (await addService(service.code, service.date, service.source))
      setService({ ...service, code: '', date: '' });
  };

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
            Find by name
          </label>
          <input
            id="patient-search"
            className="list-search"
            value={query}
            autoComplete="off"
            onChange={(e) => void search(e.target.value)}
          />
          <ul className="tree">
            {results.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`tree-item${patient?.id === p.id ? ' selected' : ''}`}
                  onClick={() => void open(p.id)}
                >
                  {p.lastName}, {p.firstName}
                  {p.isSample && <span className="badge badge-sample">Sample</span>}
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
                        patientId={patient.id}
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
                      {c.subscriberName} ({c.relationship}){c.effectiveDate && ` · from ${c.effectiveDate}`}
                      {c.terminationDate && ` to ${c.terminationDate}`}
                      <span className="actions">
                        <button type="button" className="secondary" onClick={() => setEditingCoverage(c.id)}>
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
                  patientId={patient.id}
                  coverage={null}
                  plans={plans}
                  ordinal={patient.coverages.some((c) => c.ordinal === 1) ? 2 : 1}
                  onDone={() => setEditingCoverage(null)}
                />
              ) : (
                patient.coverages.length < 2 && (
                  <button type="button" className="secondary" onClick={() => setEditingCoverage('new')}>
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
                <input
                  aria-label="Service date"
                  placeholder="YYYY-MM-DD"
                  value={service.date}
                  onChange={(e) => setService({ ...service, date: e.target.value })}
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
              {(errors.code || errors.serviceDate) && (
                <p className="field-error">{errors.code ?? errors.serviceDate}</p>
              )}
              <table className="history">
                <tbody>
                  {patient.serviceHistory.map((r) => (
                    <tr key={r.uid}>
                      <td>{r.serviceDate}</td>
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
