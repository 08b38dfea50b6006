// Where the call is among its planned codes: done (with what was found), being asked now, still to ask.
import type { CallView } from '../../../../shared/script/callViews';
import { OUTCOME_LABELS } from '../../../../shared/script/answerWords';

export function CodeProgress({ view }: { view: CallView }) {
  const current = view.current?.code ?? null;
  const done = view.planned.filter((p) => view.outcomes[p.code]).length;
  return (
    <section className="panel code-progress" aria-label="Codes on this call">
      <h2>
        Codes <span className="muted">{`${done} of ${view.planned.length} done`}</span>
      </h2>
      <ol>
        {view.planned.map((p) => {
          const outcome = view.outcomes[p.code];
          const state = p.code === current ? 'now' : outcome ? 'done' : 'todo';
          return (
            <li
              key={p.code}
              className={`code-progress-${state}`}
              aria-current={state === 'now' ? 'step' : undefined}
            >
              <strong>{p.code}</strong>
              {p.tooth && <span className="muted"> · {p.tooth}</span>}
              <span className="code-progress-state">
                {state === 'now' ? 'Asking now' : outcome ? OUTCOME_LABELS[outcome] : 'To ask'}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
