// The one to-do list: what the desk has to do next, soonest first, from every call, prior authorization
// and upcoming appointment. Take an item, mark it done, snooze it, or verify now (a call with the patient,
// plan and codes filled in). Keys: arrows move between items; T take, D done, S snooze a day, V verify now.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { addDays } from '../../../../shared/dates/calendar';
import { formatDate } from '../../../../shared/dates/typedDate';
import { TODO_KIND_LABELS, type TodoItem } from '../../../../shared/worklist/todoViews';
import { Kbd } from '../../components/Kbd';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useOfficeChanges } from '../../hooks/useOfficeChanges';
import { today } from '../../lib/clock';
import { useCallStore } from '../../stores/callStore';
import { useNavStore } from '../../stores/navStore';
import { useSessionStore } from '../../stores/sessionStore';
import { useTodoStore } from '../../stores/todoStore';

function dueText(due: string, todayDate: string): string {
  if (due < todayDate) return `overdue since ${formatDate(due)}`;
  if (due === todayDate) return 'due today';
  return `due ${formatDate(due)}`;
}

function TodoRow({ item, active, onFocus }: { item: TodoItem; active: boolean; onFocus: () => void }) {
  const update = useTodoStore((s) => s.update);
  const me = useSessionStore((s) => s.status?.user?.displayName ?? null);
  const setPrefill = useCallStore((s) => s.setPrefill);
  const go = useNavStore((s) => s.go);
  const todayDate = today();
  const verifyNow = () => {
    setPrefill({
      patientId: item.patientId,
      planId: item.planId,
      codes: item.codes,
      serviceDate: item.serviceDate,
    });
    go('call');
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    const action =
      key === 't' && me
        ? () => update(item, { owner: me })
        : key === 'd'
          ? () => update(item, { done: item.doneAt === null })
          : key === 's'
            ? () => update(item, { snoozedUntil: addDays(todayDate, 1) })
            : key === 'v' && item.canVerify
              ? verifyNow
              : null;
    if (action) {
      event.preventDefault();
      void action();
    }
  };
  return (
    <li
      className={`todo-item${item.due < todayDate ? ' overdue' : ''}${item.doneAt ? ' done' : ''}`}
      tabIndex={active ? 0 : -1}
      aria-label={`${item.title}, ${item.patientName}, ${dueText(item.due, todayDate)}`}
      onFocus={onFocus}
      onKeyDown={onKey}
    >
      <div className="todo-main">
        <p className="todo-title">{item.title}</p>
        <p className="muted">
          {item.patientName} · {item.payerName}
          {item.codes.length > 0 ? ` · ${item.codes.join(', ')}` : ''} · {TODO_KIND_LABELS[item.kind]}
        </p>
        <p className="muted">{item.detail}</p>
      </div>
      <div className="todo-side">
        <p className={item.due < todayDate ? 'todo-due overdue' : 'todo-due'}>
          {dueText(item.due, todayDate)}
        </p>
        <p className="muted">
          {item.doneAt
            ? `Done by ${item.doneBy}`
            : item.owner
              ? `Owner: ${item.owner}`
              : 'Nobody has taken it'}
          {item.snoozedUntil ? ` · snoozed until ${formatDate(item.snoozedUntil)}` : ''}
        </p>
        <div className="todo-actions">
          {me && item.owner !== me && !item.doneAt && (
            <button
              type="button"
              className="secondary small"
              onClick={() => void update(item, { owner: me })}
            >
              <Kbd>T</Kbd> Take it
            </button>
          )}
          <button
            type="button"
            className="secondary small"
            onClick={() => void update(item, { done: !item.doneAt })}
          >
            <Kbd>D</Kbd> {item.doneAt ? 'Reopen' : 'Done'}
          </button>
          {!item.doneAt && (
            <>
              <button
                type="button"
                className="secondary small"
                onClick={() => void update(item, { snoozedUntil: addDays(todayDate, 1) })}
              >
                <Kbd>S</Kbd> Snooze a day
              </button>
              <button
                type="button"
                className="secondary small"
                onClick={() => void update(item, { snoozedUntil: addDays(todayDate, 7) })}
              >
                a week
              </button>
            </>
          )}
          {item.canVerify && !item.doneAt && (
            <button type="button" className="primary small" onClick={verifyNow}>
              <Kbd>V</Kbd> Verify now
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

export function TodoScreen() {
  const { status, items, includeDone, message, load, showDone } = useTodoStore();
  // The item the keys act on, by key: when the list is read again (another desk's change) and items move,
  // the person stays on the same item.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const active = Math.max(
    0,
    items.findIndex((i) => i.key === activeKey),
  );
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => void load(), [load]);
  useOfficeChanges('todos', () => void load());
  const move = (event: KeyboardEvent) => {
    const delta = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = Math.min(items.length - 1, Math.max(0, active + delta));
    setActiveKey(items[next]?.key ?? null);
    list.current?.querySelectorAll<HTMLElement>('.todo-item')[next]?.focus();
  };
  return (
    <section className="screen">
      <ScreenHeading>To-do</ScreenHeading>
      <p className="muted">
        Next steps of calls, prior authorizations to submit or chase, call-backs and appointments to verify,
        soonest first. <Kbd>↑</Kbd> <Kbd>↓</Kbd> move · <Kbd>T</Kbd> take · <Kbd>D</Kbd> done · <Kbd>S</Kbd>{' '}
        snooze · <Kbd>V</Kbd> verify now
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={includeDone} onChange={(e) => void showDone(e.target.checked)} /> Show
        done and snoozed
      </label>
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
      {status === 'ready' && items.length === 0 && <p className="muted">Nothing to do. Well done.</p>}
      <ol ref={list} className="todo-list" aria-label="To-do list" onKeyDown={move}>
        {items.map((item, i) => (
          <TodoRow key={item.key} item={item} active={i === active} onFocus={() => setActiveKey(item.key)} />
        ))}
      </ol>
    </section>
  );
}
