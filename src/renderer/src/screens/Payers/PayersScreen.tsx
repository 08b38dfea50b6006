// Payers and their plans on the left; the selected payer, or a plan with its benefits, on the right;
// a plan's policy matrix below, as wide as the screen, so every column fits at 1366 pixels.
import { useEffect } from 'react';
import { Kbd } from '../../components/Kbd';
import { ScreenHeading } from '../../components/ScreenHeading';
import { usePayersStore } from '../../stores/payersStore';
import { PayerForm } from './PayerForm';
import { PlanEditor } from './PlanEditor';
import { PolicyMatrix } from './PolicyMatrix';

export function PayersScreen() {
  const { status, payers, plans, selection, plan, matrix, load, select } = usePayersStore();

  useEffect(() => {
    void load();
  }, [load]);

  const selectedPayer =
    selection?.kind === 'payer' && selection.id !== null ? payers.find((p) => p.id === selection.id) : null;

  return (
    <section className="screen screen-wide">
      <ScreenHeading>Payers and plans</ScreenHeading>
      <div className="two-pane">
        <nav className="pane-list" aria-label="Payers and plans">
          <button
            type="button"
            className="secondary add"
            onClick={() => void select({ kind: 'payer', id: null })}
          >
            + New payer
          </button>
          {status === 'ready' && payers.length === 0 && <p className="muted">No payers yet.</p>}
          <ul className="tree">
            {payers.map((payer) => (
              <li key={payer.id}>
                <button
                  type="button"
                  className={`tree-item${selection?.kind === 'payer' && selection.id === payer.id ? ' selected' : ''}`}
                  onClick={() => void select({ kind: 'payer', id: payer.id })}
                >
                  <span className="payer-name">
                    <strong>{payer.name}</strong>
                    {payer.isSample && <span className="badge badge-sample">Sample</span>}
                  </span>
                </button>
                <ul>
                  {plans
                    .filter((p) => p.payerId === payer.id)
                    .map((p) => (
                      <li key={p.id}>
                        <button
                          type="button"
                          className={`tree-item plan${selection?.kind === 'plan' && selection.id === p.id ? ' selected' : ''}`}
                          onClick={() => void select({ kind: 'plan', id: p.id, payerId: payer.id })}
                        >
                          <span className="plan-name">
                            {p.name}
                            {p.groupNumber && <span className="plan-group">group {p.groupNumber}</span>}
                          </span>
                        </button>
                      </li>
                    ))}
                  <li>
                    <button
                      type="button"
                      className="tree-item plan add-plan"
                      onClick={() => void select({ kind: 'plan', id: null, payerId: payer.id })}
                    >
                      <span aria-hidden="true">+ New plan</span>
                      <span className="visually-hidden">+ New plan for {payer.name}</span>
                    </button>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        </nav>
        <div className="pane-detail">
          {selection === null && (
            <p className="muted">
              Choose a payer or plan on the left, or add one. <Kbd>Tab</Kbd> moves through the list.
            </p>
          )}
          {selection?.kind === 'payer' && (
            <PayerForm key={selection.id ?? 'new'} payer={selectedPayer ?? null} />
          )}
          {selection?.kind === 'plan' && (selection.id === null || plan) && (
            <PlanEditor
              key={selection.id ?? 'new'}
              plan={selection.id === null ? null : plan}
              payerId={selection.payerId}
            />
          )}
        </div>
      </div>
      {selection?.kind === 'plan' && plan && matrix && selection.id === plan.id && (
        <div className="panel matrix-panel">
          <h2>Per-code policies: {plan.name}</h2>
          <PolicyMatrix matrix={matrix} />
        </div>
      )}
    </section>
  );
}
