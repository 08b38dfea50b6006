// A payer as the desk reads it (phones, portal, payer ID), with Edit to change it. A new payer opens
// straight in the form; a saved one is shown, not left in edit mode.
import { useState, type FormEvent } from 'react';
import { LABELS, TRI_STATES } from '../../../../shared/policy/policyTypes';
import type { Payer, PayerInput } from '../../../../shared/policy/policyViews';
import { FormError } from '../../components/FormError';
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
const INVERTED_LABEL = 'Sends coinsurance inverted (plan share instead of patient share)';

function PortalButton({ payer }: { payer: Payer }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (!payer.portalUrl) return null;
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          setProblem(null);
          call('payers:openPortal', { id: payer.id }).then(
            () => undefined,
            (error: unknown) => error instanceof ApiError && setProblem(error.message),
          );
        }}
      >
        Open the portal
      </button>
      {problem && (
        <p className="field-error form-message" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}

/** The payer's facts, read-only. */
function PayerFacts({ payer, onEdit }: { payer: Payer; onEdit: () => void }) {
  const saved = usePayersStore((s) => s.saved);
  return (
    <section aria-label={`Payer ${payer.name}`}>
      <h2 className="form-title">{payer.name}</h2>
      {saved && (
        <p className="saved" role="status">
          {saved}
        </p>
      )}
      <dl className="facts payer-facts">
        {FIELDS.filter(([key]) => key !== 'name').map(([key, label]) => (
          <div key={key} className="fact">
            <dt>{label.replace(/^Phone: /, 'Phone, ')}</dt>
            <dd>{payer[key] ?? <span className="muted">Not on file</span>}</dd>
          </div>
        ))}
        <div className="fact">
          <dt>Coinsurance sent inverted</dt>
          <dd>{LABELS.triState[payer.sendsInvertedCoinsurance]}</dd>
        </div>
        <div className="fact">
          <dt>Plans</dt>
          <dd>{payer.planCount}</dd>
        </div>
      </dl>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onEdit}>
          Edit payer
        </button>
        <PortalButton payer={payer} />
      </div>
    </section>
  );
}

export function PayerForm({ payer }: { payer: Payer | null }) {
  const [editing, setEditing] = useState(payer === null);
  const [form, setForm] = useState<PayerInput>(() => (payer ? { ...EMPTY, ...pick(payer) } : EMPTY));
  const errors = usePayersStore((s) => s.errors);
  const savePayer = usePayersStore((s) => s.savePayer);

  if (payer && !editing) return <PayerFacts payer={payer} onEdit={() => setEditing(true)} />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void savePayer(payer?.id ?? null, form).then((ok) => ok && setEditing(false));
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-label={payer ? `Payer ${payer.name}` : 'New payer'}>
      <h2 className="form-title">{payer ? `Edit ${payer.name}` : 'New payer'}</h2>
      {FIELDS.map(([key, label, hint]) => (
        <div
          key={key}
          className={key === 'name' || key === 'notes' || key === 'claimsAddress' ? 'span-all' : ''}
        >
          <TextField
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
        </div>
      ))}
      <div className="span-all">
        <SelectField
          id="payer-inverted"
          label={INVERTED_LABEL}
          value={form.sendsInvertedCoinsurance}
          options={TRI_STATES.map((t) => [t, LABELS.triState[t]] as const)}
          onChange={(sendsInvertedCoinsurance) => setForm({ ...form, sendsInvertedCoinsurance })}
        />
      </div>
      <FormError errors={errors} />
      <div className="form-actions">
        <button type="submit" className="primary">
          Save payer
        </button>
        {payer && (
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function pick(p: Payer): PayerInput {
  const { id: _id, isSample: _s, planCount: _c, updatedAt: _u, ...input } = p;
  return input;
}
