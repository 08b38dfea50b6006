// A call on a plan VerifyDesk knows: the plan's answers on file, read to the rep as one list. Enter: the
// rep confirmed them all (each is still recorded as its own confirmation). If the rep says one has
// changed, the arrows go to it and Space marks it to be asked on its own, where the new answer is read
// back before the call goes on. A patient's answers are not in the list: they are asked every call.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CallView } from '../../../../shared/script/callViews';
import { Kbd } from '../../components/Kbd';
import { useCallStore } from '../../stores/callStore';

type Item = NonNullable<NonNullable<CallView['current']>['onFileList']>[number];

const SECTION_TITLES: Record<string, string> = {
  opening: 'Opening',
  eligibility: 'Plan',
  plan: 'Plan money',
  notes: 'After the codes',
  close: 'Closing',
};

/** The list in groups a rep follows: the plan, its money, then each code, then the closing questions. */
function groups(items: readonly Item[]): Array<{ title: string; items: Array<Item & { index: number }> }> {
  const out: Array<{ title: string; items: Array<Item & { index: number }> }> = [];
  items.forEach((item, index) => {
    const title = item.code ?? SECTION_TITLES[item.section] ?? 'Plan';
    const last = out.at(-1);
    if (last?.title === title) last.items.push({ ...item, index });
    else out.push({ title, items: [{ ...item, index }] });
  });
  return out;
}

export function OnFileList({ current }: { current: NonNullable<CallView['current']> }) {
  const items = current.onFileList!;
  const confirmOnFile = useCallStore((s) => s.confirmOnFile);
  const problem = useCallStore((s) => s.problem);
  const [active, setActive] = useState(0);
  const [askAgain, setAskAgain] = useState<ReadonlySet<string>>(new Set());
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => box.current?.focus(), []);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const toggle = (key: string) =>
    setAskAgain((marked) => {
      const next = new Set(marked);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const confirm = () => void confirmOnFile(items.filter((i) => !askAgain.has(i.key)).map((i) => i.key));
  const onKey = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(items.length - 1, Math.max(0, i + step)));
    } else if (event.key === ' ') {
      event.preventDefault();
      toggle(items[active]!.key);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      confirm();
    }
  };
  const kept = items.length - askAgain.size;

  return (
    <section
      className="question on-file-list"
      aria-label="Plan answers on file"
      data-count={items.length}
      data-step={current.stepId}
      data-key={current.key}
    >
      <p className="question-meta on-file-meta">On file for this plan · {items.length} answers</p>
      <p className="question-say">Read these to the rep: are they all still right?</p>
      <div
        ref={box}
        tabIndex={0}
        className="answer-keys on-file-keys"
        data-question-focus
        aria-label="Confirm the answers on file"
        onKeyDown={onKey}
      >
        <button type="button" className="primary" onClick={confirm}>
          <Kbd>Enter</Kbd>{' '}
          {askAgain.size === 0
            ? `The rep confirmed all ${items.length}`
            : `The rep confirmed ${kept}; ask ${askAgain.size} again`}
        </button>
        <span className="muted">
          One changed? <Kbd>↓</Kbd> to it, <Kbd>Space</Kbd>
        </span>
      </div>
      {problem && <p className="field-error">{problem.message}</p>}
      <ol ref={list} className="on-file-groups" aria-label="Answers on file">
        {groups(items).map((group) => (
          <li key={`${group.title}-${group.items[0]!.index}`} className="on-file-group">
            <p className="on-file-title">{group.title}</p>
            <ul>
              {group.items.map((item) => (
                <li
                  key={item.key}
                  data-index={item.index}
                  data-key={item.key}
                  className={[
                    item.index === active ? 'active' : '',
                    askAgain.has(item.key) ? 'ask-again' : '',
                  ].join(' ')}
                  title={`${item.question} On file: ${item.words} (${item.source})`}
                  aria-current={item.index === active ? 'true' : undefined}
                  onClick={() => {
                    setActive(item.index);
                    toggle(item.key);
                    box.current?.focus();
                  }}
                >
                  <span className="muted">{item.label}</span> <strong>{item.words}</strong>
                  {item.stale && <span className="badge badge-stale">old</span>}
                  {askAgain.has(item.key) && <span className="badge badge-changed">ask again</span>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
