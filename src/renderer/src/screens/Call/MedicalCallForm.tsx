// After a dental call that found codes the dental plan will not pay: start the linked call to the
// patient's medical plan about those codes. Only the patient's own medical coverage is offered (the rep
// finds the member by its member ID); with none on file, the way to add it.
import { useEffect, useState, type FormEvent } from 'react';
import { dialledNumberFor, type CallView } from '../../../../shared/script/callViews';
import type { Patient } from '../../../../shared/policy/policyViews';
import { call } from '../../lib/api';
import { useCallStore } from '../../stores/callStore';
import { useNavStore } from '../../stores/navStore';
import { usePatientsStore } from '../../stores/patientsStore';

type MedicalCoverage = Patient['coverages'][number] & { phone: string };

export function MedicalCallForm({ view }: { view: CallView }) {
  const startMedical = useCallStore((s) => s.startMedical);
  const problem = useCallStore((s) => s.problem);
  const openPatient = usePatientsStore((s) => s.open);
  const go = useNavStore((s) => s.go);
  const [coverages, setCoverages] = useState<MedicalCoverage[] | null>(null);
  const [planId, setPlanId] = useState('');
  const [dialed, setDialed] = useState('');

  useEffect(() => {
    void Promise.all([call('patients:get', { id: view.patient.id }), call('payers:list', {})]).then(
      ([patient, payers]) => {
        const medical = patient.coverages
          .filter((c) => c.plan.planType === 'medical')
          .map((c) => {
            const payer = payers.find((p) => p.id === c.plan.payerId);
            return { ...c, phone: (payer && dialledNumberFor(payer, 'medical')) ?? '' };
          });
        setCoverages(medical);
        setPlanId(String(medical[0]?.plan.id ?? ''));
        setDialed(medical[0]?.phone ?? '');
      },
    );
  }, [view.patient.id]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (planId) void startMedical(view.id, { planId: Number(planId), dialedNumber: dialed.trim() || null });
  };
  const addCoverage = () => void openPatient(view.patient.id).then(() => go('patients'));

  return (
    <form className="form panel medical-offer" aria-label="Call the medical plan" onSubmit={onSubmit}>
      <p className="form-title">The dental plan will not pay {view.medicalCodes.join(', ')}.</p>
      <p className="muted" style={{ gridColumn: '1 / -1' }}>
        The medical plan may. Its call is saved as its own record, linked to this one.
      </p>
      {coverages === null ? null : coverages.length === 0 ? (
        <>
          <p className="field-error" style={{ gridColumn: '1 / -1' }}>
            {view.patient.name} has no medical coverage on file. Add it (the medical plan and the member ID)
            on the Patients screen, then come back to this record from Records.
          </p>
          <div className="form-actions">
            <button type="button" className="secondary" onClick={addCoverage}>
              Add {view.patient.name}&apos;s medical coverage
            </button>
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor="medical-plan">Medical coverage</label>
            <select
              id="medical-plan"
              value={planId}
              onChange={(e) => {
                setPlanId(e.target.value);
                setDialed(coverages.find((c) => String(c.plan.id) === e.target.value)?.phone ?? '');
              }}
            >
              {coverages.map((c) => (
                <option key={c.id} value={String(c.plan.id)}>
                  {c.plan.payerName}, {c.plan.name} (member ID {c.memberId})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="medical-dialed">Number dialled</label>
            <input id="medical-dialed" value={dialed} onChange={(e) => setDialed(e.target.value)} />
          </div>
          {problem && <p className="field-error">{problem.message}</p>}
          <div className="form-actions">
            <button type="submit" className="primary">
              Start the medical-plan call
            </button>
          </div>
        </>
      )}
    </form>
  );
}
