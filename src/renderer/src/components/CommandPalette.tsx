// Ctrl+K from anywhere (mid-call included): search codes in an overlay, open one, Esc to go back.
import { EntryView } from '../screens/Lookup/EntryView';
import { SearchPanel } from '../screens/Lookup/SearchPanel';
import { useCatalogStore } from '../stores/catalogStore';
import { Kbd } from './Kbd';

export function CommandPalette() {
  const isOpen = useCatalogStore((s) => s.paletteOpen);
  const hasEntry = useCatalogStore((s) => s.entry !== null);
  const close = useCatalogStore((s) => s.closePalette);

  if (!isOpen) return null;
  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Search codes"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
          }
        }}
      >
        <p className="palette-title">
          Search codes{' '}
          <span className="muted small">
            (<Kbd>Esc</Kbd> closes and returns to where you were)
          </span>
        </p>
        {hasEntry ? <EntryView /> : <SearchPanel idPrefix="palette" />}
      </div>
    </div>
  );
}
