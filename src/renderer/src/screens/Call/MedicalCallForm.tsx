// After a dental call that found codes the dental plan will not pay: start the linked call to the
// patient's medical plan about those codes. The patient's own medical coverage is offered first.
import { useEffect, useState, type FormEvent } from 'react';
import type { CallView } from '../../../../shared/script/callViews';
import type { PlanSummary } from '../../../../shared/policy/policyViews';
import { call } from '../../lib/api';
import { useCallStore } from '../../stores/callStore';

export function MedicalCallForm({ view }: { view: CallView }) {
  const startMedical = useCallStore((s) => s.startMedical);
  const problem = useCallStore((s) => s.problem);
  const [plans, setPlans] = useState<Array<PlanSummary & { onFile: boolean }> | null>(null);
  const [planId, setPlanId] = useState('');
  const [dialed, setDialed] = useState('');

  useEffect(() => {
    void Promise.all([
      call('patients:get', { id: view.patient.id }),
      call('plans:list', { payerId: null }),
    ]).then(([patient, all]) => {
      const own = new Set(patient.coverages.map((c) => c.plan.id));
      const medical = all
        .filter((p) => p.planType === 'medical')
        .map((p) => ({ ...p, onFile: own.has(p.id) }))
        .sort((a, b) => Number(b.onFile) - Number(a.onFile));
      setPlans(medical);
      setPlanId(String(medical[0]?.id ?? ''));
    });
  }, [view.patient.id]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (planId) void startMedical(view.id, { planId: Number(planId), dialedNumber: dialed.trim() || null });
  };

  return (
    <form className="form panel medical-offer" aria-label="Call the medical plan" onSubmit={onSubmit}>
      <p className="form-title">The dental plan will not pay {view.medicalCodes.join(', ')}.</p>
      <p className="muted" style={{ gridColumn: '1 / -1' }}>
        The medical plan may. Its call is saved as its own record, linked to this one.
      </p>
      {plans === null ? null : plans.length === 0 ? (
        <p className="field-error" style={{ gridColumn: '1 / -1' }}>
          No medical plan is on file. Add the patient&apos;s medical plan on the Payers screen (plan type
          &quot;Medical&quot;) and as a coverage on the Patients screen, then come back to this record.
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="medical-plan">Medical plan</label>
            <select id="medical-plan" value={planId} onChange={(e) => setPlanId(e.target.value)}>
              {plans.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.payerName}, {p.name}
                  {p.onFile ? ' (on file for the patient)' : ''}
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
