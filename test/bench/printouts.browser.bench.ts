// Rendering each printout (cost summary, Good Faith Estimate, verification record) to PDF through the
// print pipeline (harness: the print queue and Chromium's page.pdf(), as Electron's print window), timed
// from the IPC call to the saved file. The print page stays open between printouts, as in the app.
import { startHarness } from '../e2e/harness';
import { setSyntheticOffice } from '../e2e/officeHeader';
import { completeCallInPage } from '../e2e/completeCallInPage';
import { seedPrintData } from '../e2e/seedPrintData';
import type { BenchSuite } from './bench';
import { daysFromToday } from '../helpers/testClock';

const suite: BenchSuite = {
  name: 'printouts (browser)',
  async setup() {
    const h = await startHarness();
    const patientId = await seedPrintData(h, 'en', 'Qzxbench');
    await setSyntheticOffice(h);
    const gfeId = await h.page.evaluate(
      async ({ id, date }) => {
        const r = await window.api.gfeIssue({
          patientId: id,
          primaryService: 'Cone-beam CT scan before implant surgery',
          scheduledDate: date,
          items: [{ code: 'D0367', diagnosisCodes: ['K08.409'], feeCents: 120_000 }],
        });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.id;
      },
      { id: patientId, date: daysFromToday(4) },
    );
    const estimateId = await h.page.evaluate(
      async ({ id, date }) => {
        const r = await window.api.estimateSave({
          patientId: id,
          selfPay: false,
          lines: [{ code: 'D0367', tooth: null, serviceDate: date, feeCents: 120_000 }],
        });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.id;
      },
      { id: patientId, date: daysFromToday(4) },
    );
    const callId = await completeCallInPage(h, patientId, ['D0367', 'D0330']);
    return {
      cases: [
        {
          name: 'cost summary to PDF (one page)',
          iterations: 20,
          run: () => h.page.evaluate((id) => window.api.printCostSummaryPdf({ estimateId: id }), estimateId),
        },
        {
          name: 'Good Faith Estimate to PDF (one page)',
          iterations: 20,
          run: () => h.page.evaluate((id) => window.api.printGoodFaithEstimatePdf({ id }), gfeId),
        },
        {
          name: 'verification record to PDF (two codes)',
          iterations: 20,
          run: () => h.page.evaluate((id) => window.api.printVerificationRecordPdf({ id }), callId),
        },
      ],
      teardown: () => h.close(),
    };
  },
  notes: (results) =>
    results.map((r) => `${r.name}: median ${r.medianMs.toFixed(0)} ms (target at most 300 ms)`),
};

export default suite;
