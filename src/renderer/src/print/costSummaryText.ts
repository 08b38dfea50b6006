// The words of the patient cost summary, in English and in Spanish, written for the patient (not the
// desk): what you will likely pay first, then why, in plain words. Notes that are the office's business
// (a plan fee not on file, a maximum not confirmed, answers due for re-checking) are not printed; the
// closing paragraph says what the estimate rests on. Amounts and dates are filled in by the template.
import type { Language } from '../../../shared/catalog/printNames';
import { formatDate } from '../../../shared/dates/typedDate';
import type { PaLine } from '../../../shared/estimate/estimateTypes';
import { ENGLISH_PAGE_WORDS, SPANISH_PAGE_WORDS, type PageFooterText } from './pageFooter';

/** Why a line costs what it does, from the estimate's note codes. */
export type ReasonCode =
  | 'unknown'
  | 'deductible'
  | 'not_covered'
  | 'zero_percent'
  | 'not_active'
  | 'frequency'
  | 'waiting_period'
  | 'age_limit'
  | 'over_annual_max'
  | 'over_family_max'
  | 'downgraded'
  | 'cob'
  | 'medical_first'
  | 'dhmo_not_estimated';

export interface ReasonFacts {
  /** The amount a reason is about (the deductible applied), formatted. */
  amount?: string;
  /** The date a reason turns on (next eligible, covered from), formatted for the reader. */
  date?: string;
  /** When the patient has two plans, which one. */
  plan?: string;
}

export interface CostSummaryText {
  title: string;
  /** The document's name in the page footer, with its number. */
  footer: (id: number) => PageFooterText;
  patient: string;
  estimateDate: string;
  validUntil: string;
  /** The headline: what the patient will likely pay. */
  youWillLikelyPay: string;
  youWillLikelyPayAtLeast: string;
  /** Under the headline: how many services, on which dates, and what insurance is expected to pay. */
  forServices: (count: number, dates: string[]) => string;
  /** With the plan's discount (an in-network write-off) when there is one, so the sum reads true. */
  insuranceShare: (insurance: string, fee: string, discount: string | null) => string;
  selfPayShare: (fee: string) => string;
  stillConfirming: (count: number) => string;
  priorAuthTitle: string;
  /** Printed after the service's name, in bold: what the situation means for the patient. */
  priorAuthPending: (fee: string) => string;
  priorAuthDenied: (fee: string) => string;
  /** The approval does not cover the visit (ends before it, starts after it, names another code). */
  priorAuthExpires: string;
  assumesApproval: string;
  /** Where prior authorization stands for a service, under its name; null: nothing to say. */
  priorAuth: string;
  priorAuthStatus: (pa: PaLine) => string | null;
  tableCaption: string;
  columns: {
    service: string;
    tooth: string;
    fee: string;
    insurance: string;
    writeOff: string;
    patient: string;
  };
  /** The small line under a service name: its code and date. */
  serviceMeta: (code: string, date: string) => string;
  total: string;
  notKnownYet: string;
  whyTitle: string;
  reasons: Record<ReasonCode, (facts: ReasonFacts) => string>;
  afterVisit: (plan: string | null, max: string | null, deductible: string | null) => string | null;
  insurance: string;
  memberId: string;
  lastVerified: string;
  notVerified: string;
  selfPay: string;
  disclaimer: (payers: string, date: string | null) => string;
  selfPayDisclaimer: string;
  questions: (phone: string) => string;
  signature: string;
  date: string;
}

const EN: CostSummaryText = {
  title: 'Your estimated cost',
  footer: (id) => ({ document: `Cost estimate #${id}`, ...ENGLISH_PAGE_WORDS }),
  patient: 'Patient',
  estimateDate: 'Estimate date',
  validUntil: 'Valid until',
  youWillLikelyPay: 'You will likely pay',
  youWillLikelyPayAtLeast: 'You will likely pay at least',
  forServices: (count, dates) =>
    `for ${count === 1 ? 'the imaging service' : `the ${count} imaging services`} planned for ${dates.join(' and ')}.`,
  insuranceShare: (insurance, fee, discount) =>
    discount
      ? `Our fee is ${fee}. Your plan's discount takes ${discount} off, and your insurance is expected to pay ${insurance}.`
      : `Our fee is ${fee}. Your insurance is expected to pay ${insurance} of it.`,
  selfPayShare: (fee) => `This is our full fee of ${fee}; no insurance is used.`,
  stillConfirming: (count) =>
    `We are still confirming what your insurance pays for ${count === 1 ? 'one service' : `${count} services`}. We will call you with the full amount before your visit.`,
  priorAuthTitle: 'Your insurance must approve this first',
  priorAuthPending: (fee) =>
    `Your insurance needs to approve this service before your visit (this is called prior authorization). We ask them for you. If they say no, your insurance will not pay for it. We will call you before the visit to talk about your options, including the full fee of ${fee} if you choose to go ahead.`,
  priorAuthDenied: (fee) =>
    `Your insurance said no to this service, so it will not pay for it. We will call you before the visit to talk about your options, including the full fee of ${fee} if you choose to go ahead.`,
  priorAuthExpires:
    'Your insurance’s approval does not cover this visit as planned. We will ask for a new one and call you if anything changes.',
  assumesApproval: 'The amount above assumes your insurance approves it.',
  priorAuth: 'Prior authorization',
  priorAuthStatus: (pa) => {
    switch (pa.status) {
      case 'not_requested':
        return 'Required, not yet requested';
      case 'pending':
        return 'Requested; waiting for the decision';
      case 'approved':
        return `Approved${pa.authNumber ? ` (no. ${pa.authNumber}` : ' ('}${pa.validTo ? `, valid through ${formatDate(pa.validTo)})` : ')'}`;
      case 'denied':
        return 'Denied: your insurance will not pay for this service';
      case 'expires_before':
        return `The approval ends ${formatDate(pa.validTo!)}, before your visit`;
      case 'starts_after':
        return `The approval starts ${formatDate(pa.validFrom!)}, after your visit`;
      case 'other_code':
        return `The approval is for ${pa.forCode}, not this service`;
      default:
        return null;
    }
  },
  tableCaption: 'What each service costs',
  columns: {
    service: 'Service',
    tooth: 'Tooth or area',
    fee: 'Our fee',
    insurance: 'Insurance pays',
    writeOff: 'Discount from your plan',
    patient: 'You pay',
  },
  serviceMeta: (code, date) => `Code ${code} · ${date}`,
  total: 'Total',
  notKnownYet: 'We will call you',
  whyTitle: 'Why these amounts',
  reasons: {
    unknown: () =>
      'We are still confirming what your insurance pays for this. We will call you with the amount before your visit.',
    deductible: ({ amount, plan }) =>
      `Includes ${amount} of your ${plan ? `${plan} ` : ''}deductible (the amount you pay each year before your insurance starts to pay).`,
    not_covered: ({ plan }) =>
      `${plan ?? 'Your plan'} does not cover this service, so the fee is yours to pay.`,
    zero_percent: ({ plan }) =>
      `${plan ?? 'Your plan'} does not pay for this service, so the fee is yours to pay.`,
    not_active: ({ plan, date }) =>
      `${plan ?? 'Your coverage'} is not active on ${date}, the date of this visit.`,
    frequency: ({ date }) =>
      date
        ? `Your plan pays for this only so often, and you have had it recently. It would pay again from ${date}.`
        : 'Your plan pays for this only a limited number of times, and that limit has been reached.',
    waiting_period: ({ date }) =>
      `Your plan covers this only after a waiting period${date ? `, which ends ${date}` : ''}.`,
    age_limit: () => 'Your plan covers this only within an age range, and the patient is outside it.',
    over_annual_max: () => 'Your plan’s yearly maximum is used up, so it pays less for this.',
    over_family_max: () => 'Your family’s yearly maximum is used up, so your plan pays less for this.',
    downgraded: () => 'Your plan pays for this as a simpler service; you pay the difference.',
    cob: () => 'Your two plans share the cost: your second plan pays part of what the first one does not.',
    medical_first: () => 'Your medical insurance may need to be billed first. We will let you know.',
    dhmo_not_estimated: () => 'Your plan charges a set copay for this; we are confirming the amount.',
  },
  afterVisit: (plan, max, deductible) => {
    const parts = [
      max && `about ${max} of your yearly maximum is left`,
      deductible && deductible !== '$0.00' && `${deductible} of your deductible is still to be met`,
    ].filter(Boolean);
    return parts.length === 0 ? null : `After this visit${plan ? `, on ${plan}` : ''}: ${parts.join('; ')}.`;
  },
  insurance: 'Insurance',
  memberId: 'Member ID',
  lastVerified: 'benefits checked',
  notVerified: 'benefits not yet checked',
  selfPay: 'No insurance used: this estimate is for paying on your own.',
  disclaimer: (payers, date) =>
    `This is an estimate, not a guarantee of payment. It is based on what ${payers} told us${date ? ` on ${date}` : ''}. Your insurance decides what it pays when it processes the claim; if it pays less, you are responsible for the difference.`,
  selfPayDisclaimer:
    'This is an estimate of our fees for the planned services. The final cost may change if your treatment changes.',
  questions: (phone) => `Questions? Call us at ${phone}.`,
  signature: 'Patient or guardian signature',
  date: 'Date',
};

const ES: CostSummaryText = {
  title: 'Su costo estimado',
  footer: (id) => ({ document: `Cálculo de costo n.º ${id}`, ...SPANISH_PAGE_WORDS }),
  patient: 'Paciente',
  estimateDate: 'Fecha del cálculo',
  validUntil: 'Válido hasta',
  youWillLikelyPay: 'Lo más probable es que usted pague',
  youWillLikelyPayAtLeast: 'Lo más probable es que usted pague al menos',
  forServices: (count, dates) =>
    `por ${count === 1 ? 'el servicio de imágenes planeado' : `los ${count} servicios de imágenes planeados`} para el ${dates.join(' y el ')}.`,
  insuranceShare: (insurance, fee, discount) =>
    discount
      ? `Nuestra tarifa es de ${fee}. El descuento de su plan resta ${discount}, y se espera que su seguro pague ${insurance}.`
      : `Nuestra tarifa es de ${fee}. Se espera que su seguro pague ${insurance} de esa cantidad.`,
  selfPayShare: (fee) => `Esta es nuestra tarifa completa de ${fee}; no se usa ningún seguro.`,
  stillConfirming: (count) =>
    `Todavía estamos confirmando cuánto paga su seguro por ${count === 1 ? 'un servicio' : `${count} servicios`}. Le llamaremos con el monto completo antes de su cita.`,
  priorAuthTitle: 'Su seguro primero debe aprobarlo',
  priorAuthPending: (fee) =>
    `Su seguro tiene que aprobar este servicio antes de su cita (esto se llama autorización previa). Nosotros se la pedimos. Si su seguro dice que no, no pagará este servicio. Le llamaremos antes de la cita para hablar de sus opciones, incluida la tarifa completa de ${fee} si decide hacerse el servicio de todos modos.`,
  priorAuthDenied: (fee) =>
    `Su seguro dijo que no a este servicio, así que no lo pagará. Le llamaremos antes de la cita para hablar de sus opciones, incluida la tarifa completa de ${fee} si decide hacerse el servicio de todos modos.`,
  priorAuthExpires:
    'La aprobación de su seguro no cubre esta cita tal como está planeada. Pediremos una nueva y le llamaremos si algo cambia.',
  assumesApproval: 'El monto de arriba supone que su seguro lo aprueba.',
  priorAuth: 'Autorización previa',
  priorAuthStatus: (pa) => {
    switch (pa.status) {
      case 'not_requested':
        return 'Requerida, aún no solicitada';
      case 'pending':
        return 'Solicitada; esperando la decisión';
      case 'approved':
        return `Aprobada${pa.authNumber ? ` (n.º ${pa.authNumber}` : ' ('}${pa.validTo ? `, válida hasta el ${formatDate(pa.validTo, 'es')})` : ')'}`;
      case 'denied':
        return 'Denegada: su seguro no pagará este servicio';
      case 'expires_before':
        return `La aprobación vence el ${formatDate(pa.validTo!, 'es')}, antes de su cita`;
      case 'starts_after':
        return `La aprobación empieza el ${formatDate(pa.validFrom!, 'es')}, después de su cita`;
      case 'other_code':
        return `La aprobación es para ${pa.forCode}, no para este servicio`;
      default:
        return null;
    }
  },
  tableCaption: 'Cuánto cuesta cada servicio',
  columns: {
    service: 'Servicio',
    tooth: 'Diente o zona',
    fee: 'Nuestra tarifa',
    insurance: 'Paga el seguro',
    writeOff: 'Descuento de su plan',
    patient: 'Paga usted',
  },
  serviceMeta: (code, date) => `Código ${code} · ${date}`,
  total: 'Total',
  notKnownYet: 'Le llamaremos',
  whyTitle: 'Por qué estos montos',
  reasons: {
    unknown: () =>
      'Todavía estamos confirmando cuánto paga su seguro por este servicio. Le llamaremos con el monto antes de su cita.',
    deductible: ({ amount, plan }) =>
      `Incluye ${amount} de su deducible${plan ? ` de ${plan}` : ''} (la cantidad que usted paga cada año antes de que su seguro empiece a pagar).`,
    not_covered: ({ plan }) =>
      `${plan ? `El plan ${plan}` : 'Su plan'} no cubre este servicio, así que la tarifa le corresponde a usted.`,
    zero_percent: ({ plan }) =>
      `${plan ? `El plan ${plan}` : 'Su plan'} no paga este servicio, así que la tarifa le corresponde a usted.`,
    not_active: ({ plan, date }) =>
      `${plan ? `La cobertura de ${plan}` : 'Su cobertura'} no está vigente el ${date}, la fecha de esta cita.`,
    frequency: ({ date }) =>
      date
        ? `Su plan paga este servicio solo cada cierto tiempo, y usted lo recibió hace poco. Lo volvería a pagar a partir del ${date}.`
        : 'Su plan paga este servicio solo un número limitado de veces, y ese límite ya se alcanzó.',
    waiting_period: ({ date }) =>
      `Su plan cubre este servicio solo después de un período de espera${date ? `, que termina el ${date}` : ''}.`,
    age_limit: () =>
      'Su plan cubre este servicio solo dentro de cierto rango de edad, y el paciente está fuera de él.',
    over_annual_max: () => 'Ya se usó el máximo anual de su plan, así que paga menos por este servicio.',
    over_family_max: () =>
      'Ya se usó el máximo anual de su familia, así que su plan paga menos por este servicio.',
    downgraded: () => 'Su plan paga este servicio como uno más sencillo; usted paga la diferencia.',
    cob: () => 'Sus dos planes comparten el costo: el segundo plan paga parte de lo que el primero no cubre.',
    medical_first: () => 'Puede que primero haya que facturar a su seguro médico. Se lo haremos saber.',
    dhmo_not_estimated: () => 'Su plan cobra un copago fijo por este servicio; estamos confirmando el monto.',
  },
  afterVisit: (plan, max, deductible) => {
    const parts = [
      max && `le quedan unos ${max} de su máximo anual`,
      deductible && deductible !== '$0.00' && `le faltan ${deductible} para cubrir su deducible`,
    ].filter(Boolean);
    return parts.length === 0
      ? null
      : `Después de esta cita${plan ? `, en ${plan}` : ''}: ${parts.join('; ')}.`;
  },
  insurance: 'Seguro',
  memberId: 'Número de miembro',
  lastVerified: 'beneficios revisados el',
  notVerified: 'beneficios aún sin revisar',
  selfPay: 'Sin seguro: este cálculo es para pago por cuenta propia.',
  disclaimer: (payers, date) =>
    `Este es un cálculo aproximado, no una garantía de pago. Se basa en lo que ${payers} nos informó${date ? ` el ${date}` : ''}. Su seguro decide cuánto paga al procesar la reclamación; si paga menos, usted será responsable de la diferencia.`,
  selfPayDisclaimer:
    'Este es un cálculo de nuestras tarifas por los servicios planeados. El costo final puede cambiar si cambia su tratamiento.',
  questions: (phone) => `¿Preguntas? Llámenos al ${phone}.`,
  signature: 'Firma del paciente o tutor',
  date: 'Fecha',
};

export const COST_SUMMARY_TEXT: Record<Language, CostSummaryText> = { en: EN, es: ES };
