// The print route (#/print/<kind>/<id>): loads what it prints, renders the template, then marks the page
// ready so main (printToPDF) or the harness (page.pdf) takes it.
import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../lib/api';
import { CostSummary } from './CostSummary';
import { GoodFaithEstimate } from './GoodFaithEstimate';
import { VerificationRecord } from './VerificationRecord';
import { now } from '../lib/clock';

export type PrintRoute = { kind: 'cost-summary' | 'good-faith-estimate' | 'verification-record'; id: number };

export function parsePrintRoute(hash: string): PrintRoute | null {
  const match = /^#\/print\/(cost-summary|good-faith-estimate|verification-record)\/(\d+)$/.exec(hash);
  return match ? { kind: match[1] as PrintRoute['kind'], id: Number(match[2]) } : null;
}

export function PrintView({ route }: { route: PrintRoute }) {
  const [content, setContent] = useState<ReactNode>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    document.documentElement.classList.add('printout');
    void (async () => {
      try {
        if (route.kind === 'good-faith-estimate') {
          setContent(<GoodFaithEstimate gfe={await call('gfe:get', { id: route.id })} />);
        } else if (route.kind === 'verification-record') {
          const [record, settings] = await Promise.all([
            call('call:get', { id: route.id }),
            call('settings:get', {}),
          ]);
          setContent(<VerificationRecord call={record} office={settings.office} printedAt={now()} />);
        } else {
          const [estimate, settings] = await Promise.all([
            call('estimate:get', { id: route.id }),
            call('settings:get', {}),
          ]);
          setContent(<CostSummary estimate={estimate} office={settings.office} />);
        }
      } catch (error) {
        setFailed(error instanceof Error ? error.message : 'The printout could not be prepared.');
      }
    })();
  }, [route.id, route.kind]);

  useEffect(() => {
    if (content !== null) document.body.dataset.printReady = 'true';
  }, [content]);

  return failed ? <p>{failed}</p> : <>{content}</>;
}
