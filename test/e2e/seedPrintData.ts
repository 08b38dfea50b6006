// Test data for printouts: a fictional payer and plan with answers, and a patient with coverage.
import type { Harness } from './harness';
import { daysFromToday } from '../helpers/testClock';

/** When the seeded patient's panoramic X-ray was taken (a payer's history line). */
export const PANO_TAKEN_ON = daysFromToday(-982);

/** Payer, plan with answers, fees, and a patient with coverage, entered through window.api. */
export async function seedPrintData(h: Harness, language: 'en' | 'es', lastName: string): Promise<number> {
  return h.page.evaluate(
    async ({ language, lastName, dates }) => {
      const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }) => {
        if (!r.ok) throw new Error(r.error!.message);
        return r.value as T;
      };
      const api = window.api;
      const payers = ok(await api.payersList({})) as Array<{ id: number; name: string }>;
      const payer =
        payers.find((p) => p.name === 'Fictional Print Dental (test)') ??
        (ok(
          await api.payersSave({
            id: null,
            payer: {
              name: 'Fictional Print Dental (test)',
              electronicPayerId: null,
              phoneBenefits: null,
              phonePriorAuth: null,
              phoneMedical: null,
              phoneProviderServices: null,
              portalUrl: null,
              fax: null,
              claimsAddress: null,
              notes: 'MRK_NOTE_7731',
              sendsInvertedCoinsurance: 'no',
            },
          }),
        ) as { id: number });
      const plans = ok(await api.plansList({ payerId: payer.id })) as Array<{ id: number }>;
      let planId = plans[0]?.id;
      if (!planId) {
        planId = (
          ok(
            await api.plansSave({
              id: null,
              plan: {
                payerId: payer.id,
                name: 'Print PPO',
                groupNumber: 'GRP-MARKER-42',
                employerName: null,
                planType: 'ppo',
                notes: 'MRK_NOTE_7731',
              },
            }),
          ) as { id: number }
        ).id;
        ok(
          await api.plansSetBenefits({
            planId,
            patch: {
              networkStatus: 'in_network',
              annualMaxCents: 150_000,
              deductibleIndividualCents: 5_000,
              deductibleWaivedCategories: ['diagnostic'],
              benefitYearStartMonth: 1,
              cobMethod: 'standard',
            },
          }),
        );
        ok(
          await api.policiesSet({
            planId,
            code: 'D0367',
            patch: { covered: 'yes', coverageBp: 5000, category: 'major', priorAuth: 'required' },
          }),
        );
        ok(
          await api.policiesSet({
            planId,
            code: 'D0330',
            patch: {
              covered: 'yes',
              coverageBp: 10000,
              category: 'diagnostic',
              priorAuth: 'not_required',
              frequency: { count: 1, per: 'months', months: 60, sharedWith: [] },
            },
          }),
        );
      }
      const patient = ok(
        await api.patientsSave({
          id: null,
          patient: {
            firstName: 'Mrkfirst',
            lastName,
            dob: '1970-01-02',
            preferredLanguage: language,
            phone: null,
          },
        }),
      ) as { id: number };
      ok(
        await api.coveragesSave({
          id: null,
          coverage: {
            patientId: patient.id,
            planId,
            ordinal: 1,
            memberId: 'MRK987654321',
            subscriberName: `Mrkfirst ${lastName}`,
            subscriberDob: '1970-01-02',
            relationship: 'self',
            effectiveDate: dates.effective,
            terminationDate: null,
            maxUsedCents: 20_000,
            maxUsedStatedOn: dates.statedOn,
            deductibleMetCents: 0,
            deductibleMetStatedOn: dates.statedOn,
          },
        }),
      );
      ok(
        await api.historyAdd({
          patientId: patient.id,
          code: 'D0330',
          serviceDate: dates.pano,
          source: 'payer',
        }),
      );
      return patient.id;
    },
    {
      language,
      lastName,
      dates: { effective: daysFromToday(-690), statedOn: daysFromToday(-21), pano: PANO_TAKEN_ON },
    },
  );
}
