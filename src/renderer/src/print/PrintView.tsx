// The print route (#/print/<kind>/<id>): loads what it prints, renders the template, then marks the page
// ready so main (printToPDF) or the harness (page.pdf) takes it.
import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../lib/api';
import { CostSummary } from './CostSummary';

export function parsePrintRoute(hash: string): { kind: 'cost-summary'; id: number } | null {
  const match = /^#\/print\/(cost-summary)\/(\d+)$/.exec(hash);
  return match ? { kind: match[1] as 'cost-summary', id: Number(match[2]) } : null;
}

export function PrintView({ route }: { route: NonNullable<ReturnType<typeof parsePrintRoute>> }) {
  const [content, setContent] = useState<ReactNode>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    document.documentElement.classList.add('printout');
    void (async () => {
      try {
        const [estimate, settings] = await Promise.all([
          call('estimate:get', { id: route.id }),
          call('settings:get', {}),
        ]);
        setContent(<CostSummary estimate={estimate} office={settings.office} />);
      } catch (error) {
        setFailed(error instanceof Error ? error.message : 'The printout could not be prepared.');
      }
    })();
  }, [route.id]);

  useEffect(() => {
    if (content !== null) document.body.dataset.printReady = 'true';
  }, [content]);

  return failed ? <p>{failed}</p> : <>{content}</>;
}
