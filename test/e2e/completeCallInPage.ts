// A whole verification call made through window.api (the renderer's boundary), for tests and benchmarks
// that need a finished call without typing one: known answers are confirmed, others get plain answers.
import type { Harness } from './harness';
import { daysFromToday } from '../helpers/testClock';

export async function completeCallInPage(h: Harness, patientId: number, codes: string[]): Promise<number> {
  return h.page.evaluate(
    async ({ patientId, codes, dates }) => {
      const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }) => {
        if (!r.ok) throw new Error(r.error!.message);
        return r.value as T;
      };
      type View = {
        id: number;
        pendingReadBack: { key: string } | null;
        current: {
          key: string;
          stepId: string;
          type: string;
          choices: Array<{ value: string }>;
          known: { answer: unknown } | null;
        } | null;
      };
      const typed: Record<string, unknown> = {
        money: 150_000,
        percent: 5000,
        date: dates.answer,
        frequency: { count: 1, per: 'months', months: 36, sharedWith: [] },
        text: 'Synthetic answer',
        reference: 'REF-IN-PAGE',
      };
      const api = window.api;
      const patient = ok(await api.patientsGet({ id: patientId })) as {
        coverages: Array<{ plan: { id: number } }>;
      };
      let view = ok(
        await api.callStart({
          patientId,
          planId: patient.coverages[0]!.plan.id,
          planned: codes.map((code) => ({ code, tooth: null, serviceDate: dates.service })),
          dialedNumber: '555-0199',
        }),
      ) as View;
      // Amounts given so far: what is left of the maximum and what is met of the deductible are at most
      // the maximum and the deductible (the call refuses more), here all of it.
      const given: Record<string, number> = {};
      const ceiling: Record<string, string> = {
        max_remaining: 'annual_max',
        deductible_met: 'deductible_individual',
      };
      for (let guard = 0; view.current && guard < 500; guard++) {
        const c = view.current;
        const plain = (): unknown => {
          if (c.stepId === 'last_service_date') return dates.lastDone;
          const cap = ceiling[c.stepId];
          if (cap && given[cap] !== undefined) return Math.min(typed.money as number, given[cap]);
          return typed[c.type] ?? null;
        };
        const answer = (c.known?.answer ??
          (c.type === 'yes_no_unknown'
            ? { type: c.type, value: 'yes' }
            : c.type === 'choice'
              ? { type: c.type, value: c.choices[0]!.value }
              : { type: c.type, value: plain() })) as { type: string; value: unknown };
        if (answer.type === 'money' && typeof answer.value === 'number') given[c.stepId] = answer.value;
        view = ok(await api.callAnswer({ id: view.id, key: c.key, answer: answer as never })) as View;
        // A changed answer is read back before the next one, as the call screen asks.
        if (view.pendingReadBack)
          view = ok(await api.callConfirmReadBack({ id: view.id, key: view.pendingReadBack.key })) as View;
      }
      ok(
        await api.callComplete({
          id: view.id,
          finish: {
            nextAction: 'Submit the prior authorization',
            nextActionDue: dates.due,
            reverifyDate: null,
          },
        }),
      );
      return view.id;
    },
    {
      patientId,
      codes,
      dates: {
        answer: daysFromToday(54),
        lastDone: daysFromToday(-400),
        service: daysFromToday(18),
        due: daysFromToday(2),
      },
    },
  );
}
