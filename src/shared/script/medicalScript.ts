// The medical-plan call: made when the dental plan excludes an imaging code or wants the medical plan
// billed first. It is its own call (own rep, reference number and timers) linked to the dental one.
// Content follows the call guide's medical branch: network status, coverage for the diagnosis, the CPT
// code the payer expects, the patient's deductible / coinsurance / out-of-pocket, and prior authorization
// (through the plan or a radiology benefit manager).
import { OPENING_STEPS } from './defaultScript';
import { END, NEXT_CODE, type Script, type ScriptStep } from './scriptTypes';

const YNU = 'yes_no_unknown' as const;
const FACT = { kind: 'fact' } as const;
const go = (to: string) => [{ to }];

const steps: ScriptStep[] = [
  ...OPENING_STEPS,
  {
    id: 'active_on_date',
    section: 'eligibility',
    say: 'Is the medical coverage active on the date of service?',
    type: YNU,
    outcome: { when: { step: 'active_on_date', is: 'no' }, outcome: 'inactive', scope: 'call' },
    next: [{ when: { step: 'active_on_date', is: 'no' }, to: END }, { to: 'medical_network' }],
  },
  {
    id: 'medical_network',
    learns: FACT,
    section: 'plan',
    say: 'Is our practice in network with this medical plan?',
    type: 'choice',
    choices: [
      { value: 'in_network', label: 'In network' },
      { value: 'out_of_network', label: 'Out of network' },
      { value: 'unknown', label: 'Rep did not say' },
    ],
    next: go('medical_deductible_left'),
  },
  {
    id: 'medical_deductible_left',
    section: 'plan',
    say: 'How much of the medical deductible does the patient still have to meet?',
    type: 'money',
    next: go('medical_coinsurance'),
  },
  {
    id: 'medical_coinsurance',
    learns: FACT,
    section: 'plan',
    say: 'What percent does the plan pay for outpatient imaging after the deductible?',
    type: 'percent',
    next: go('medical_oop_left'),
  },
  {
    id: 'medical_oop_left',
    section: 'plan',
    say: "How much is left of the patient's out-of-pocket maximum?",
    type: 'money',
    next: go('medical_covered'),
  },
  {
    id: 'medical_covered',
    section: 'code',
    perCode: true,
    say: 'Give the diagnosis (ICD-10 code). Is imaging for {code} covered under the radiology benefit for it?',
    type: YNU,
    next: [
      { when: { step: 'medical_covered', is: 'no' }, to: 'medical_denial_reason' },
      { to: 'medical_cpt' },
    ],
  },
  {
    id: 'medical_denial_reason',
    section: 'code',
    perCode: true,
    say: 'Why is it not covered? (Offer the patient a self-pay estimate afterwards.)',
    type: 'text',
    outcome: { outcome: 'not_covered_medical', scope: 'code' },
    next: go(NEXT_CODE),
  },
  {
    id: 'medical_cpt',
    learns: FACT,
    section: 'code',
    perCode: true,
    say: 'Which CPT code does the plan expect for {code}?',
    type: 'text',
    next: go('medical_prior_auth'),
  },
  {
    id: 'medical_prior_auth',
    learns: FACT,
    section: 'prior_auth',
    perCode: true,
    say: 'Is prior authorization required for {code}? Through the plan or a radiology benefit manager?',
    type: 'choice',
    choices: [
      { value: 'plan', label: 'Required, through the plan' },
      { value: 'rbm', label: 'Required, through a radiology benefit manager' },
      { value: 'not_required', label: 'Not required' },
      { value: 'unknown', label: 'Rep did not say' },
    ],
    next: [
      { when: { step: 'medical_prior_auth', is: ['plan', 'rbm'] }, to: 'medical_pa_contact' },
      { to: 'medical_claim' },
    ],
  },
  {
    id: 'medical_pa_contact',
    learns: FACT,
    section: 'prior_auth',
    perCode: true,
    say: 'Who takes the request, and at which number, fax or portal?',
    type: 'text',
    next: go('medical_pa_turnaround'),
  },
  {
    id: 'medical_pa_turnaround',
    learns: FACT,
    section: 'prior_auth',
    perCode: true,
    say: 'How long does a decision take, and how long is an approval valid?',
    type: 'text',
    outcome: { outcome: 'pa_required', scope: 'code' },
    next: go('medical_claim'),
  },
  {
    id: 'medical_claim',
    learns: FACT,
    section: 'claim',
    perCode: true,
    say: 'What does the claim for {code} need (claim form, attachments, where to send it)?',
    type: 'text',
    outcome: { outcome: 'covered', scope: 'code', ifNone: true },
    next: go(NEXT_CODE),
  },
  {
    id: 'medical_policy_number',
    section: 'close',
    say: 'Ask for the medical policy or coverage-guideline number the rep is reading from.',
    type: 'text',
    next: go('medical_read_back'),
  },
  {
    id: 'medical_read_back',
    section: 'close',
    say: 'Read the key answers back. Did the rep confirm them?',
    type: YNU,
    next: go(END),
  },
];

export const MEDICAL_SCRIPT: Script = {
  id: 'imaging-medical-plan',
  version: 1,
  start: 'rep_name',
  codeLoopStart: 'medical_covered',
  afterCodes: 'medical_policy_number',
  steps,
};
