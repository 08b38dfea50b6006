// Moving knowledge between workstations: policy packs (payers, plans, answers with provenance) and
// fee schedules as CSV. Every import is previewed first and applied all-or-nothing.
import { useEffect, useState } from 'react';
import type { PlanSummary } from '../../../../shared/policy/policyViews';
import { ApiError, call } from '../../lib/api';
import { readAsBase64 } from '../../lib/files';
import { plural } from '../../lib/plural';

type PackPreview = Awaited<ReturnType<typeof previewPack>>;
const previewPack = (file: { fileName: string; contentBase64: string }) => call('packs:importPreview', file);
type FeePreview = Awaited<ReturnType<typeof previewFees>>;
const previewFees = (planId: number | null, file: { fileName: string; contentBase64: string }) =>
  call('fees:importPreview', { planId, file });

async function pick(file: File | undefined) {
  return file ? { fileName: file.name, contentBase64: await readAsBase64(file) } : null;
}

function Issues({ issues }: { issues: Array<{ message: string }> }) {
  if (issues.length === 0) return null;
  return (
    <>
      <p className="field-error">
        {plural(issues.length, 'problem')} to fix first. Nothing is imported until the whole file is right:
      </p>
      <ul className="issues">
        {issues.slice(0, 20).map((i) => (
          <li key={i.message}>{i.message}</li>
        ))}
      </ul>
    </>
  );
}

/** `isAdmin`: policy packs (they carry rep names and call reference numbers) are for administrators. */
export function DataTransferPanel({ isAdmin }: { isAdmin: boolean }) {
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [packFile, setPackFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [pack, setPack] = useState<PackPreview | null>(null);
  const [schedule, setSchedule] = useState<string>('office');
  const [feeFile, setFeeFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [fees, setFees] = useState<FeePreview | null>(null);
  const planId = schedule === 'office' ? null : Number(schedule);

  useEffect(() => {
    void call('plans:list', { payerId: null }).then(setPlans, () => setPlans([]));
  }, []);

  const saved = (savedTo: string | null) =>
    setMessage(savedTo ? `Saved to ${savedTo}` : 'Export cancelled; nothing was saved.');
  const failed = (error: unknown) =>
    setMessage(error instanceof ApiError ? error.message : 'That did not work; nothing was changed.');

  return (
    <div className="panel">
      <h2>Move knowledge between computers</h2>
      <h3 className="subhead">Policy pack</h3>
      <p className="muted">
        Payers, plans and every answer with who gave it and when. Never includes patients or the licensed CDT
        text.
        {isAdmin
          ? ''
          : ' It names reps and call reference numbers, so an administrator exports and imports it.'}
      </p>
      {isAdmin && (
        <div className="button-row">
          <button
            type="button"
            className="secondary"
            onClick={() => void call('packs:export', {}).then((r) => saved(r.savedTo), failed)}
          >
            Export policy pack…
          </button>
          <label className="file-label" htmlFor="pack-file">
            Import a policy pack:
          </label>
          <input
            id="pack-file"
            type="file"
            accept=".json,application/json"
            onChange={(e) =>
              void pick(e.target.files?.[0]).then(async (file) => {
                setPackFile(file);
                setPack(file ? await previewPack(file) : null);
              }, failed)
            }
          />
        </div>
      )}
      {pack && (
        <div className="import-preview" aria-label="Policy pack preview">
          <p>
            <strong>{pack.fileName}</strong>: {plural(pack.payers.new, 'new payer')},{' '}
            {plural(pack.plans.new, 'new plan')}; {plural(pack.answers.new, 'new answer')},{' '}
            {plural(pack.answers.changed, 'newer answer')} to take, {plural(pack.answers.unchanged, 'answer')}{' '}
            already known, {plural(pack.answers.conflicting, 'conflict')} (ours is newer and is kept).
          </p>
          {pack.conflicts.length > 0 && (
            <ul className="conflicts">
              {pack.conflicts.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          <Issues issues={pack.issues} />
          <button
            type="button"
            className="primary"
            disabled={
              pack.issues.length > 0 ||
              pack.answers.new + pack.answers.changed + pack.payers.new + pack.plans.new === 0
            }
            onClick={() =>
              packFile &&
              void call('packs:importApply', packFile).then(() => {
                setPack(null);
                setMessage(`Imported ${pack.fileName}.`);
              }, failed)
            }
          >
            Import this pack
          </button>
        </div>
      )}

      <h3 className="subhead">Fee schedules (CSV: code, amount)</h3>
      <div className="button-row">
        <label htmlFor="fee-schedule">Schedule</label>
        <select id="fee-schedule" value={schedule} onChange={(e) => setSchedule(e.target.value)}>
          <option value="office">Office fees (our own)</option>
          {plans.map((p) => (
            <option key={p.id} value={String(p.id)}>
              Allowed fees: {p.payerName}, {p.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="secondary"
          onClick={() => void call('fees:export', { planId }).then((r) => saved(r.savedTo), failed)}
        >
          Export CSV…
        </button>
        <label className="file-label" htmlFor="fee-file">
          Import CSV:
        </label>
        <input
          id="fee-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) =>
            void pick(e.target.files?.[0]).then(async (file) => {
              setFeeFile(file);
              setFees(file ? await previewFees(planId, file) : null);
            }, failed)
          }
        />
      </div>
      {fees && (
        <div className="import-preview" aria-label="Fee schedule preview">
          <p>
            <strong>{fees.fileName}</strong>: {plural(fees.new, 'new fee')},{' '}
            {plural(fees.changed, 'changed fee')}, {plural(fees.unchanged, 'unchanged fee')}.
          </p>
          <Issues issues={fees.issues} />
          <button
            type="button"
            className="primary"
            disabled={fees.issues.length > 0 || fees.new + fees.changed === 0}
            onClick={() =>
              feeFile &&
              void call('fees:importApply', { planId, file: feeFile }).then(() => {
                setFees(null);
                setMessage(`Imported ${fees.fileName}.`);
              }, failed)
            }
          >
            Import these fees
          </button>
        </div>
      )}
      {message && (
        <p className="saved" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
