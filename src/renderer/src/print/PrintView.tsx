// The print page (#/print/...): one page, kept open by main and reused for every printout, because
// starting a page and loading the app for each one was most of the time a printout took. Each job is a
// new hash, #/print/<kind>/<id>~<job>; the view loads what it prints, renders the template, and marks
// <body data-print-ready="<the hash>"> so main (printToPDF) or the harness (page.pdf) takes exactly that
// job, or data-print-failed with the reason (nothing is printed then). #/print/idle empties the page
// between jobs, so no patient's printout stays on it.
import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../lib/api';
import { now } from '../lib/clock';
import { CostSummary } from './CostSummary';
import { GoodFaithEstimate } from './GoodFaithEstimate';
import { VerificationRecord } from './VerificationRecord';

export type PrintKind = 'cost-summary' | 'good-faith-estimate' | 'verification-record';
export type PrintRoute = { kind: PrintKind; id: number } | { kind: 'idle' };

const ROUTE = /^#\/print\/(?:(cost-summary|good-faith-estimate|verification-record)\/(\d+)(?:~\d+)?|(idle))$/;

export function parsePrintRoute(hash: string): PrintRoute | null {
  const match = ROUTE.exec(hash);
  if (!match) return null;
  return match[3] ? { kind: 'idle' } : { kind: match[1] as PrintKind, id: Number(match[2]) };
}

async function load(route: Exclude<PrintRoute, { kind: 'idle' }>): Promise<ReactNode> {
  if (route.kind === 'good-faith-estimate')
    return <GoodFaithEstimate gfe={await call('gfe:get', { id: route.id })} />;
  if (route.kind === 'verification-record') {
    const [record, settings] = await Promise.all([
      call('call:get', { id: route.id }),
      call('settings:get', {}),
    ]);
    return <VerificationRecord call={record} office={settings.office} printedAt={now()} />;
  }
  const [estimate, settings] = await Promise.all([
    call('estimate:get', { id: route.id }),
    call('settings:get', {}),
  ]);
  return <CostSummary estimate={estimate} office={settings.office} />;
}

export function PrintView() {
  const [hash, setHash] = useState(() => window.location.hash);
  const [page, setPage] = useState<{ hash: string; content: ReactNode; problem?: string } | null>(null);

  useEffect(() => {
    document.documentElement.classList.add('printout');
    const onHash = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    const route = parsePrintRoute(hash);
    let current = true;
    delete document.body.dataset.printReady;
    delete document.body.dataset.printFailed;
    // Idle (or not a print route): nothing on the page; the old job's content is not rendered (below).
    if (!route || route.kind === 'idle') return;
    load(route).then(
      (content) => current && setPage({ hash, content }),
      (error: unknown) =>
        current &&
        setPage({
          hash,
          content: null,
          problem: error instanceof Error ? error.message : 'The printout could not be prepared.',
        }),
    );
    return () => {
      current = false;
    };
  }, [hash]);

  useEffect(() => {
    // Ready for exactly the job on the page (a slow earlier job never answers for a later one).
    if (!page || page.hash !== hash) return;
    if (page.problem === undefined) document.body.dataset.printReady = hash;
    else {
      document.body.dataset.printProblem = page.problem;
      document.body.dataset.printFailed = hash;
    }
  }, [page, hash]);

  return <>{page?.hash === hash ? page.content : null}</>;
}
