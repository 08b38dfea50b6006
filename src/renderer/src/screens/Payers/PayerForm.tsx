import { useState, type FormEvent } from 'react';
import { LABELS, TRI_STATES } from '../../../../shared/policy/policyTypes';
import type { Payer, PayerInput } from '../../../../shared/policy/policyViews';
import { SelectField, TextField } from '../../components/TextField';
import { ApiError, call } from '../../lib/api';
import { usePayersStore } from '../../stores/payersStore';

const EMPTY: PayerInput = {
  name: '',
  electronicPayerId: null,
  phoneBenefits: null,
  phonePriorAuth: null,
  phoneMedical: null,
  phoneProviderServices: null,
  portalUrl: null,
  fax: null,
  claimsAddress: null,
  notes: null,
  sendsInvertedCoinsurance: 'unknown',
};

type TextKey = Exclude<keyof PayerInput, 'sendsInvertedCoinsurance'>;
const FIELDS: Array<[TextKey, string, string?]> = [
  ['name', 'Payer name'],
  ['electronicPayerId', 'Electronic payer ID'],
  ['phoneBenefits', 'Phone: benefits'],
  ['phonePriorAuth', 'Phone: prior authorization'],
  ['phoneMedical', 'Phone: medical'],
  ['phoneProviderServices', 'Phone: provider services'],
  ['portalUrl', 'Portal', 'https://…'],
  ['fax', 'Fax'],
  ['claimsAddress', 'Claims address'],
  ['notes', 'Notes'],
];

export function PayerForm({ payer }: { payer: Payer | null }) {
  const [form, setForm] = useState<PayerInput>(() => (payer ? { ...EMPTY, ...pick(payer) } : EMPTY));
  const errors = usePayersStore((s) => s.errors);
  const saved = usePayersStore((s) => s.saved);
  const savePayer = usePayersStore((s) => s.savePayer);
  const [portalProblem, setPortalProblem] = useState<string | null>(null);
  const openPortal = (id: number) => {
    setPortalProblem(null);
    call('payers:openPortal', { id }).then(
      () => undefined,
      (error: unknown) => error instanceof ApiError && setPortalProblem(error.message),
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void savePayer(payer?.id ?? null, form);
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-label={payer ? `Payer ${payer.name}` : 'New payer'}>
      <h2 className="form-title">{payer ? payer.name : 'New payer'}</h2>
      {FIELDS.map(([key, label, hint]) => (
        <TextField
          key={key}
          id={`payer-${key}`}
          label={label}
          hint={hint}
          value={form[key] ?? ''}
          error={errors[key]}
          autoFocus={key === 'name'}
          onChange={(value) =>
            setForm({ ...form, [key]: key === 'name' ? value : value === '' ? null : value })
          }
        />
      ))}
      <SelectField
        id="payer-inverted"
        label="Sends coinsurance inverted (plan share instead of patient share)"
        value={form.sendsInvertedCoinsurance}
        options={TRI_STATES.map((t) => [t, LABELS.triState[t]] as const)}
        onChange={(sendsInvertedCoinsurance) => setForm({ ...form, sendsInvertedCoinsurance })}
      />
      <div className="form-actions">
        <button type="submit" className="primary">
          Save payer
        </button>
        {payer?.portalUrl && (
          <button type="button" className="secondary" onClick={() => openPortal(payer.id)}>
            Open the portal
          </button>
        )}
        {saved && <span className="saved">{saved}</span>}
      </div>
      {portalProblem && (
        <p className="field-error form-message" role="alert">
          {portalProblem}
        </p>
      )}
    </form>
  );
}

function pick(p: Payer): PayerInput {
  const { id: _id, isSample: _s, planCount: _c, updatedAt: _u, ...input } = p;
  return input;
}
