// Import of the practice's licensed CDT file: a dry run first, then an all-or-nothing apply.
import { plural } from '../../lib/plural';
import { useCodeImportStore } from '../../stores/codeImportStore';

export function LicensedImportPanel() {
  const { status, preview, result, message, pick, apply } = useCodeImportStore();
  const canApply =
    status === 'previewed' &&
    preview !== null &&
    preview.issueCount === 0 &&
    preview.newCount + preview.changedCount > 0;

  return (
    <div className="panel">
      <h2>Licensed CDT code file</h2>
      <p className="muted">
        VerifyDesk ships its own summaries, not the ADA&apos;s official text. If the practice holds a CDT
        licence, import its code file (CSV: code, nomenclature, descriptor) to show the official text beside
        each summary. It stays in this database and is never exported.
      </p>
      <div className="field">
        <label htmlFor="licensed-file">CSV file</label>
        <input
          id="licensed-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void pick(file);
          }}
        />
      </div>
      {status === 'reading' && <p className="muted">Checking the file…</p>}
      {message && (
        <p className="field-error" role="status">
          {message}
        </p>
      )}
      {preview && status !== 'applied' && (
        <div className="import-preview" aria-label="Import preview">
          <p>
            <strong>{preview.fileName}</strong>: {plural(preview.rowCount, 'row')} checked.
          </p>
          <ul className="counts">
            <li>{plural(preview.newCount, 'code')} to get official text for the first time</li>
            <li>{plural(preview.changedCount, 'code')} with changed text</li>
            <li>{plural(preview.unchangedCount, 'code')} unchanged</li>
            <li>
              {preview.unknownCount === 1 ? '1 code is' : `${preview.unknownCount} codes are`} outside
              VerifyDesk&apos;s imaging catalog and will not be stored
              {preview.unknownCount > 0 &&
                ` (${preview.unknownCodes.slice(0, 8).join(', ')}${preview.unknownCount > 8 ? ', …' : ''})`}
            </li>
          </ul>
          {preview.issueCount > 0 && (
            <>
              <p className="field-error">
                {plural(preview.issueCount, 'problem')} to fix in the file first. Nothing is imported until
                the whole file is right:
              </p>
              <ul className="issues">
                {preview.issues.map((issue) => (
                  <li key={`${issue.line}-${issue.column ?? ''}-${issue.message}`}>{issue.message}</li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="primary" disabled={!canApply} onClick={() => void apply()}>
            {preview.issueCount > 0
              ? 'Fix the file, then choose it again'
              : canApply
                ? `Import ${plural(preview.newCount + preview.changedCount, 'code')}`
                : 'Nothing new to import'}
          </button>
        </div>
      )}
      {status === 'applied' && result && (
        <p className="saved" role="status">
          Imported official text for {plural(result.imported, 'code')}.
          {result.skippedUnknown > 0 &&
            ` ${result.skippedUnknown} codes outside the imaging catalog were skipped.`}
        </p>
      )}
    </div>
  );
}
