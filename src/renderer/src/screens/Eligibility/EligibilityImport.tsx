// Eligibility files (271) from anywhere: drop files on the window, or choose them (Patients has the
// button). A dialog shows main's review of every member; nothing is recorded until a person ticks
// members and presses Record.
import { useEffect, useRef, useState } from 'react';
import { formatDate } from '../../../../shared/dates/typedDate';
import { Kbd } from '../../components/Kbd';
import { plural } from '../../lib/plural';
import { useEligibilityStore } from '../../stores/eligibilityStore';
import { FileReviewSection } from './FileReviewSection';
import './eligibility.css';

/** Files dragged over the window (not text or a link). */
const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

function useWindowDrop(onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Without this the browser would open the dropped file in place of the app.
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      onFiles([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles]);
  return dragging;
}

export function EligibilityImport() {
  const open = useEligibilityStore((s) => s.open);
  const add = useEligibilityStore((s) => s.add);
  const dragging = useWindowDrop(add);
  if (!open && !dragging) return null;
  return (
    <>
      {dragging && (
        <div className="eligibility-drop" aria-hidden="true">
          Drop eligibility files (271) to read them. Nothing is recorded until you confirm.
        </div>
      )}
      {open && <EligibilityDialog />}
    </>
  );
}

function EligibilityDialog() {
  const { status, files, refused, preview, ticked, result, message, close, add, record, clear } =
    useEligibilityStore();
  const chooser = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  useEffect(() => chooseButton.current?.focus(), []);
  // Once recorded, the review is gone: focus goes back to the first control, not to the page body.
  useEffect(() => {
    if (result) chooseButton.current?.focus();
  }, [result]);
  // Esc closes from anywhere while the dialog is open (focus may sit on the page after a drop).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const members = preview?.files.flatMap((f) => f.members) ?? [];
  const chosen = members.filter((m) => ticked.includes(m.key));
  const statements = chosen.reduce((n, m) => n + m.statements, 0);
  const dates = [...new Set(preview?.files.flatMap((f) => (f.responseDate ? [f.responseDate] : [])) ?? [])];

  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div
        className="eligibility-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="eligibility-title"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header className="eligibility-head">
          <h2 id="eligibility-title">Eligibility files (271)</h2>
          <button type="button" className="secondary" onClick={close}>
            Close <Kbd>Esc</Kbd>
          </button>
        </header>
        <p className="muted">
          Choose the 271 responses your clearinghouse or practice software saved, or drop them on this window.
          VerifyDesk matches each member to a patient by member ID, birth date and name. Nothing is recorded
          until you tick members and press Record.
        </p>
        <div className="button-row">
          <button
            type="button"
            ref={chooseButton}
            className="primary"
            onClick={() => chooser.current?.click()}
          >
            Choose files…
          </button>
          <input
            ref={chooser}
            type="file"
            multiple
            hidden
            aria-label="Eligibility files"
            accept=".271,.x12,.edi,.txt,.dat,text/plain"
            onChange={(e) => {
              const picked = [...(e.target.files ?? [])];
              e.target.value = '';
              void add(picked);
            }}
          />
          {files.length > 0 && (
            <button type="button" className="secondary" onClick={clear}>
              Start over
            </button>
          )}
          {status === 'reading' && <span className="muted">Reading…</span>}
        </div>

        {result && (
          <p className="saved" role="status">
            Recorded {plural(result.statements, 'answer')} from {plural(result.files, 'file')} for{' '}
            {result.members.map((m) => m.patientName).join(', ')}. The next call on these plans starts from
            them.
          </p>
        )}
        {message && (
          <p className="field-error" role="alert">
            {message}
          </p>
        )}
        {refused.map((r) => (
          <section key={r.fileName} className="eligibility-file" aria-label={r.fileName}>
            <h3>{r.fileName}</h3>
            <p className="field-error" role="alert">
              {r.message}
            </p>
          </section>
        ))}
        {preview?.files.map((f, i) => (
          <FileReviewSection key={i} file={f} index={i} />
        ))}

        {members.length > 0 && (
          <footer className="eligibility-foot">
            <span>
              {plural(chosen.length, 'member')} ticked, {plural(statements, 'answer')} to record
              {dates.length > 0 ? ` (stated ${dates.map((d) => formatDate(d)).join(', ')})` : ''}.
            </span>
            <button
              type="button"
              className="primary"
              disabled={chosen.length === 0 || status === 'recording'}
              onClick={() => void record()}
            >
              Record {plural(chosen.length, 'member')}
            </button>
          </footer>
        )}
      </div>
    </div>
  );
}
