import { useState, type FormEvent } from 'react';
import { LABELS, PLAN_TYPES } from '../../../../shared/policy/policyTypes';
import type { Plan, PlanInput } from '../../../../shared/policy/policyViews';
import { SelectField, TextField } from '../../components/TextField';
import { usePayersStore } from '../../stores/payersStore';

export function PlanForm({ plan, payerId }: { plan: Plan | null; payerId: number }) {
  const [form, setForm] = useState<PlanInput>(() =>
    plan
      ? {
          payerId: plan.payerId,
          name: plan.name,
          groupNumber: plan.groupNumber,
          employerName: plan.employerName,
          planType: plan.planType,
          notes: plan.notes,
        }
      : { payerId, name: '', groupNumber: null, employerName: null, planType: 'unknown', notes: null },
  );
  const errors = usePayersStore((s) => s.errors);
  const savePlan = usePayersStore((s) => s.savePlan);
  const text = (key: 'groupNumber' | 'employerName' | 'notes') => (value: string) =>
    setForm({ ...form, [key]: value === '' ? null : value });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void savePlan(plan?.id ?? null, form);
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Plan">
      <TextField
        id="plan-name"
        label="Plan name"
        value={form.name}
        error={errors.name}
        autoFocus={!plan}
        onChange={(name) => setForm({ ...form, name })}
      />
      <SelectField
        id="plan-type"
        label="Plan type"
        value={form.planType}
        options={PLAN_TYPES.map((t) => [t, LABELS.planType[t]] as const)}
        onChange={(planType) => setForm({ ...form, planType })}
      />
      <TextField
        id="plan-group"
        label="Group number"
        value={form.groupNumber ?? ''}
        error={errors.groupNumber}
        onChange={text('groupNumber')}
      />
      <TextField
        id="plan-employer"
        label="Group / employer name"
        value={form.employerName ?? ''}
        error={errors.employerName}
        onChange={text('employerName')}
      />
      <TextField
        id="plan-notes"
        label="Notes"
        value={form.notes ?? ''}
        error={errors.notes}
        onChange={text('notes')}
      />
      <div className="form-actions">
        <button type="submit" className="primary">
          {plan ? 'Save plan' : 'Create plan'}
        </button>
      </div>
    </form>
  );
}
