import { ScreenHeading } from '../../components/ScreenHeading';
import { useCatalogStore } from '../../stores/catalogStore';
import { EntryView } from './EntryView';
import { SearchPanel } from './SearchPanel';

export function LookupScreen() {
  const hasEntry = useCatalogStore((s) => s.entry !== null);
  const paletteOpen = useCatalogStore((s) => s.paletteOpen);
  return (
    <section className="screen lookup-screen">
      <ScreenHeading>Code lookup</ScreenHeading>
      {/* While the palette is open it owns the search; the screen behind shows nothing focusable. */}
      {!paletteOpen && (hasEntry ? <EntryView /> : <SearchPanel idPrefix="lookup" />)}
    </section>
  );
}
