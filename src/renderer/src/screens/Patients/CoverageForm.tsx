// One coverage (primary or secondary): plan, member and subscriber, dates, and what the payer stated
// about maximum used and deductible met, with the date it was stated. When the patient is the
// subscriber, the subscriber's name and birth date are the patient's, filled in and kept in step.
import { useState, type FormEvent } from 'react';
import { formatCents, parseMoney } from '../../../../shared/money/cents';
import { RELATIONSHIPS } from '../../../../shared/policy/policyTypes';
import type { Coverage, CoverageInput, FieldView, PlanSummary } from '../../../../shared/policy/policyViews';
import { sourceText } from '../../../../shared/ledger/sourceText';
import { DateField, typedDateProblem } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { ProvenanceLine } from '../../components/Provenance';
import { SelectField, TextField } from '../../components/TextField';
import { usePatientsStore } from '../../stores/patientsStore';

interface Props {
  patient: { id: number; firstName: string; lastName: string; dob: string };
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

const DATE_FIELDS = [
  'subscriberDob',
  'effectiveDate',
  'terminationDate',
  'maxUsedStatedOn',
  'deductibleMetStatedOn',
] as const;

export function CoverageForm({ patient, coverage, plans, ordinal, onDone }: Props) {
  const [form, setForm] = useState({
    planId: String(coverage?.plan.id ?? plans[0]?.id ?? ''),
    ordinal: String(coverage?.ordinal ?? ordinal),
    memberId: coverage?.memberId ?? '',
    subscriberName: coverage?.subscriberName ?? `${patient.firstName} ${patient.lastName}`,
    subscriberDob: coverage?.subscriberDob ?? patient.dob,
    relationship: coverage?.relationship ?? ('self' as CoverageInput['relationship']),
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
  const isSelf = form.relationship === 'self';
  const setRelationship = (relationship: CoverageInput['relationship']) =>
    setForm(
      relationship === 'self'
        ? {
            ...form,
            relationship,
            subscriberName: `${patient.firstName} ${patient.lastName}`,
            subscriberDob: patient.dob,
          }
        : { ...form, relationship },
    );

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
    for (const key of DATE_FIELDS) {
      const problem = typedDateProblem(form[key], key === 'subscriberDob');
      if (problem) problems[key] = problem;
    }
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const input: CoverageInput = {
      patientId: patient.id,
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
      <div className="span-all">
        <SelectField
          id="coverage-plan"
          label="Plan"
          value={form.planId}
          error={errors.planId}
          options={plans.map(
            (p) =>
              [
                String(p.id),
                `${p.payerName}: ${p.name}${p.groupNumber ? ` (group ${p.groupNumber})` : ''}`,
              ] as const,
          )}
          onChange={set('planId')}
        />
      </div>
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
        onChange={setRelationship}
      />
      <div className="field-note">
        {isSelf && (
          <p className="muted small">The subscriber is the patient: name and birth date are theirs.</p>
        )}
      </div>
      <TextField
        id="coverage-subscriber"
        label="Subscriber name"
        value={form.subscriberName}
        error={errors.subscriberName}
        readOnly={isSelf}
        onChange={set('subscriberName')}
      />
      <DateField
        id="coverage-subscriber-dob"
        label="Subscriber date of birth"
        past
        value={form.subscriberDob}
        error={errors.subscriberDob}
        readOnly={isSelf}
        onChange={set('subscriberDob')}
      />
      <DateField
        id="coverage-effective"
        label="Effective date"
        value={form.effectiveDate}
        error={errors.effectiveDate}
        onChange={set('effectiveDate')}
      />
      <DateField
        id="coverage-termination"
        label="Termination date, if any"
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
      <DateField
        id="coverage-max-used-on"
        label="Maximum used: stated on"
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
      <DateField
        id="coverage-deductible-on"
        label="Deductible met: stated on"
        value={form.deductibleMetStatedOn}
        error={errors.deductibleMetStatedOn}
        onChange={set('deductibleMetStatedOn')}
      />
      <FormError errors={errors} />
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
