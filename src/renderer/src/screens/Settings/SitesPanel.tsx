// The web sites VerifyDesk may open in the browser (payer portals), for administrators: nothing else is
// ever opened, and a portal address on another site is refused with the site to add here.
import { useState, type FormEvent } from 'react';
import { siteOrigin } from '../../../../shared/settings/externalSites';
import { ApiError, call } from '../../lib/api';

export function SitesPanel({ sites }: { sites: readonly string[] }) {
  const [text, setText] = useState(sites.join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // "https://Portal.Example.com/" is written as its origin; anything else goes as typed, and main says why not.
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => siteOrigin(line) ?? line);
    call('settings:update', { externalSites: lines }).then(
      (next) => {
        setText(next.externalSites.join('\n'));
        setProblem(null);
        setSaved(true);
      },
      (error: unknown) => error instanceof ApiError && setProblem(error.message),
    );
  };
  return (
    <div className="panel">
      <h2>Web sites VerifyDesk may open</h2>
      <p className="muted">
        Payer portals open in the browser only when their site is listed here (https only, one per line).
        VerifyDesk itself never goes online.
      </p>
      <form className="form" aria-label="Web sites VerifyDesk may open" onSubmit={onSubmit}>
        <div className="field" style={{ gridColumn: '1 / -1' }}>
          <label htmlFor="external-sites">Sites, like https://portal.example.com</label>
          <textarea
            id="external-sites"
            className="monospace"
            rows={4}
            value={text}
            aria-invalid={problem !== null}
            spellCheck={false}
            onChange={(e) => setText(e.target.value)}
          />
          {problem && <p className="field-error">{problem}</p>}
        </div>
        <div className="form-actions">
          <button type="submit" className="secondary">
            Save sites
          </button>
          {saved && (
            <span className="saved" role="status">
              Saved.
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
