// The open entry (CDT code or diagnosis) with a way back to the results. Esc goes back.
import { useEffect, useRef } from 'react';
import { Kbd } from '../../components/Kbd';
import { useCatalogStore } from '../../stores/catalogStore';
import { CodePage } from './CodePage';
import { Icd10Page } from './Icd10Page';

export function EntryView() {
  const entry = useCatalogStore((s) => s.entry);
  const closeEntry = useCatalogStore((s) => s.closeEntry);
  const back = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    back.current?.focus();
  }, [entry]);

  if (!entry) return null;
  return (
    <div
      className="entry"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          closeEntry();
        }
      }}
    >
      <button type="button" ref={back} className="secondary back" onClick={closeEntry}>
        ← Back to results <Kbd>Esc</Kbd>
      </button>
      {entry.type === 'cdt' ? <CodePage detail={entry.detail} /> : <Icd10Page detail={entry.detail} />}
    </div>
  );
}
