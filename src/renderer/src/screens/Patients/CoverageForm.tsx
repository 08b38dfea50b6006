// One coverage (primary or secondary): plan, member and subscriber, dates, and what the payer stated
// about maximum used and deductible met, with the date it was stated.
import { useState, type FormEvent } from 'react';
import { formatCents, parseMoney } from '../../../../shared/money/cents';
import { RELATIONSHIPS } from '../../../../shared/policy/policyTypes';
import type { Coverage, CoverageInput, FieldView, PlanSummary } from '../../../../shared/policy/policyViews';
import { sourceText } from '../../../../shared/ledger/sourceText';
import { ProvenanceLine } from '../../components/Provenance';
import { SelectField, TextField } from '../../components/TextField';
import { usePatientsStore } from '../../stores/patientsStore';

interface Props {
  patientId: number;
  coverage: Coverage | null;
  plans: PlanSummary[];
  ordinal: 1 | 2;
  onDone(): void;
}

const money = (v: unknown) => (typeof v === 'number' ? formatCents(v) : '');
const text = (v: unknown) => (typeof v === 'string' ? v : '');
/** The day a known amount was stated (its source's day), for the "stated on" field. */
const statedOn = (view: FieldView | undefined) =>
  view && view.value !== null ? (view.source?.observedOn ?? '') : '';

export function CoverageForm({ patientId, coverage, plans, ordinal, onDone }: Props) {
  const [form, setForm] = useState({
    planId: String(coverage?.plan.id ?? plans[0]?.id ?? ''),
    ordinal: String(coverage?.ordinal ?? ordinal),
    memberId: coverage?.memberId ?? '',
    subscriberName: coverage?.subscriberName ?? '',
    subscriberDob: coverage?.subscriberDob ?? '',
    relationship: coverage?.relationship ?? 'self',
    effectiveDate: text(coverage?.effectiveDate.value),
    terminationDate: text(coverage?.terminationDate.value),
    maxUsed: money(coverage?.maxUsed.value),
    maxUsedStatedOn: statedOn(coverage?.maxUsed),
    deductibleMet: money(coverage?.deductibleMet.value),
    deductibleMetStatedOn: statedOn(coverage?.deductibleMet),
  });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...usePatientsStore((s) => s.errors), ...localErrors };
  const saveCoverage = usePatientsStore((s) => s.saveCoverage);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const maxUsedCents = form.maxUsed.trim() === '' ? null : parseMoney(form.maxUsed);
    if (form.maxUsed.trim() !== '' && maxUsedCents === null)
      problems.maxUsedCents = 'Write an amount like $250.';
    const deductibleMetCents = form.deductibleMet.trim() === '' ? null : parseMoney(form.deductibleMet);
    if (form.deductibleMet.trim() !== '' && deductibleMetCents === null)
      problems.deductibleMetCents = 'Write an amount like $50.';
    if (!form.planId) problems.planId = 'Add a plan on the Payers screen first.';
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const input: CoverageInput = {
      patientId,
      planId: Number(form.planId),
      ordinal: form.ordinal === '2' ? 2 : 1,
      memberId: form.memberId.trim(),
      subscriberName: form.subscriberName,
      subscriberDob: orNull(form.subscriberDob),
      relationship: form.relationship as CoverageInput['relationship'],
      effectiveDate: orNull(form.effectiveDate),
      terminationDate: orNull(form.terminationDate),
      maxUsedCents,
      maxUsedStatedOn: orNull(form.maxUsedStatedOn),
      deductibleMetCents,
      deductibleMetStatedOn: orNull(form.deductibleMetStatedOn),
    };
    if (await saveCoverage(coverage?.id ?? null, input)) onDone();
  };

  return (
    <form
      className="form coverage-form"
      onSubmit={(e) => void onSubmit(e)}
      aria-label={coverage ? 'Edit coverage' : 'New coverage'}
    >
      <SelectField
        id="coverage-plan"
        label="Plan"
        value={form.planId}
        error={errors.planId}
        options={plans.map(
          (p) =>
            [String(p.id), `${p.payerName}: ${p.name}${p.groupNumber ? ` (${p.groupNumber})` : ''}`] as const,
        )}
        onChange={set('planId')}
      />
      <SelectField
        id="coverage-ordinal"
        label="Order"
        value={form.ordinal}
        error={errors.ordinal}
        options={[
          ['1', 'Primary'],
          ['2', 'Secondary'],
        ]}
        onChange={set('ordinal')}
      />
      <TextField
        id="coverage-member"
        label="Member ID"
        value={form.memberId}
        error={errors.memberId}
        onChange={set('memberId')}
        autoFocus
      />
      <TextField
        id="coverage-subscriber"
        label="Subscriber name"
        value={form.subscriberName}
        error={errors.subscriberName}
        onChange={set('subscriberName')}
      />
      <TextField
        id="coverage-subscriber-dob"
        label="Subscriber date of birth"
        hint="YYYY-MM-DD"
        value={form.subscriberDob}
        error={errors.subscriberDob}
        onChange={set('subscriberDob')}
      />
      <SelectField
        id="coverage-relationship"
        label="Patient is the subscriber's"
        value={form.relationship}
        options={RELATIONSHIPS.map(
          (r) =>
            [
              r,
              r === 'self' ? 'Self (patient is the subscriber)' : r[0]!.toUpperCase() + r.slice(1),
            ] as const,
        )}
        onChange={set('relationship')}
      />
      <TextField
        id="coverage-effective"
        label="Effective date"
        hint="YYYY-MM-DD"
        value={form.effectiveDate}
        error={errors.effectiveDate}
        onChange={set('effectiveDate')}
      />
      <TextField
        id="coverage-termination"
        label="Termination date"
        hint="empty if none"
        value={form.terminationDate}
        error={errors.terminationDate}
        onChange={set('terminationDate')}
      />
      <div>
        <TextField
          id="coverage-max-used"
          label="Maximum used"
          value={form.maxUsed}
          placeholder="Unknown"
          error={errors.maxUsedCents}
          onChange={set('maxUsed')}
        />
        {coverage && (
          <ProvenanceLine
            view={coverage.maxUsed}
            address={{ subject: { kind: 'coverage', id: coverage.id }, field: 'maxUsedCents', code: '' }}
            format={money}
          />
        )}
        {coverage && coverage.maxRemaining.value !== null && (
          <p className="provenance">
            Maximum left: {money(coverage.maxRemaining.value)},{' '}
            {coverage.maxRemaining.source ? sourceText(coverage.maxRemaining.source) : ''}
          </p>
        )}
      </div>
      <TextField
        id="coverage-max-used-on"
        label="Maximum used: stated on"
        hint="YYYY-MM-DD"
        value={form.maxUsedStatedOn}
        error={errors.maxUsedStatedOn}
        onChange={set('maxUsedStatedOn')}
      />
      <div>
        <TextField
          id="coverage-deductible-met"
          label="Deductible met"
          value={form.deductibleMet}
          placeholder="Unknown"
          error={errors.deductibleMetCents}
          onChange={set('deductibleMet')}
        />
        {coverage && (
          <ProvenanceLine
            view={coverage.deductibleMet}
            address={{
              subject: { kind: 'coverage', id: coverage.id },
              field: 'deductibleMetCents',
              code: '',
            }}
            format={money}
          />
        )}
      </div>
      <TextField
        id="coverage-deductible-on"
        label="Deductible met: stated on"
        hint="YYYY-MM-DD"
        value={form.deductibleMetStatedOn}
        error={errors.deductibleMetStatedOn}
        onChange={set('deductibleMetStatedOn')}
      />
      <div className="form-actions">
        <button type="submit" className="primary">
          Save coverage
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
