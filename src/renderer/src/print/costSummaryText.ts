// The words of the patient cost summary, in English and in Spanish (written for patients, reviewed
// line by line; not machine translation). Amounts and dates are filled in by the template.
import type { Language } from '../../../shared/catalog/printNames';
import { formatUsDate } from '../../../shared/dates/usDate';
import type { PaLine } from '../../../shared/estimate/estimateTypes';
import { ENGLISH_PAGE_WORDS, SPANISH_PAGE_WORDS, type PageFooterText } from './pageFooter';

export interface CostSummaryText {
  title: string;
  /** The document's name in the page footer, with its number. */
  footer: (id: number) => PageFooterText;
  intro: string;
  patient: string;
  estimateDate: string;
  validUntil: string;
  insurance: string;
  memberId: string;
  lastVerified: string;
  notVerified: string;
  selfPay: string;
  columns: {
    code: string;
    service: string;
    tooth: string;
    fee: string;
    insurance: string;
    writeOff: string;
    patient: string;
  };
  total: string;
  unknownAmount: string;
  priorAuth: string;
  /** Where prior authorization stands for a line, in the patient's words; null: nothing to say. */
  priorAuthStatus: (pa: PaLine) => string | null;
  remaining: (plan: string, max: string, deductible: string) => string;
  disclaimer: (payers: string, date: string) => string;
  selfPayDisclaimer: string;
  signature: string;
  date: string;
  notes: Record<string, string>;
  nextEligible: (date: string) => string;
}

const EN: CostSummaryText = {
  title: 'Your estimated cost',
  footer: (id) => ({ document: `Cost estimate #${id}`, ...ENGLISH_PAGE_WORDS }),
  intro:
    'This is our best estimate of what you may owe for the imaging your dentist has planned, based on what your insurance told us.',
  patient: 'Patient',
  estimateDate: 'Estimate date',
  validUntil: 'Valid until',
  insurance: 'Insurance used',
  memberId: 'Member ID',
  lastVerified: 'Benefits last checked',
  notVerified: 'not yet checked',
  selfPay: 'No insurance used: this estimate is for paying on your own.',
  columns: {
    code: 'Code',
    service: 'Service',
    tooth: 'Tooth or area',
    fee: 'Office fee',
    insurance: 'Insurance pays (est.)',
    writeOff: 'Plan discount (est.)',
    patient: 'You pay (est.)',
  },
  total: 'Total',
  unknownAmount: 'To be confirmed',
  priorAuth: 'Prior authorization',
  priorAuthStatus: (pa) => {
    switch (pa.status) {
      case 'not_requested':
        return 'Required, not yet requested';
      case 'pending':
        return 'Requested; waiting for the decision';
      case 'approved':
        return `Approved${pa.authNumber ? ` (no. ${pa.authNumber}` : ' ('}${pa.validTo ? `, valid through ${formatUsDate(pa.validTo)})` : ')'}`;
      case 'denied':
        return 'Denied: your insurance will not pay for this service';
      case 'expires_before':
        return `The approval ends ${formatUsDate(pa.validTo!)}, before your visit`;
      case 'starts_after':
        return `The approval starts ${formatUsDate(pa.validFrom!)}, after your visit`;
      case 'other_code':
        return `The approval is for ${pa.forCode}, not this service`;
      case 'not_required':
        return 'Not required';
      default:
        return null;
    }
  },
  remaining: (plan, max, deductible) =>
    `${plan}: annual maximum left after this visit ${max}; deductible left ${deductible}.`,
  disclaimer: (payers, date) =>
    `This is an estimate, not a guarantee of payment. It is based on what ${payers} told us on ${date}. Your insurance decides what it pays when it processes the claim; if it pays less, you are responsible for the difference.`,
  selfPayDisclaimer:
    'This is an estimate of our fees for the planned services. The final cost may change if your treatment changes.',
  signature: 'Patient or guardian signature',
  date: 'Date',
  notes: {
    not_active: 'Coverage not active on this date',
    allowed_unknown: "Plan's fee not known; our fee was used",
    downgraded: 'Paid as a lower-cost service; you pay the difference',
    not_covered: 'Not covered by this plan',
    zero_percent: 'Not covered by this plan',
    medical_first: 'Your medical plan may need to be billed first',
    frequency: 'Plan limit on how often this is paid has been reached',
    waiting_period: 'Waiting period not over',
    age_limit: "Outside the plan's age limit",
    deductible: 'Deductible applied',
    over_annual_max: 'Annual maximum reached',
    over_family_max: 'Family maximum reached',
    max_unknown: 'Maximum left not known',
    cob: 'Reduced by coordination between your plans',
    write_off_trimmed: 'Plan discount adjusted',
    prior_auth_required: 'Prior authorization required',
    prior_auth_expires: 'Authorization ends before the visit',
    dhmo_not_estimated: 'Copay not known',
    stale: 'Benefits need to be checked again',
    not_verified: 'Benefits not yet checked',
    unknown: 'Amount not known yet',
  },
  nextEligible: (date) => `eligible again ${date}`,
};

const ES: CostSummaryText = {
  title: 'Su costo estimado',
  footer: (id) => ({ document: `Cálculo de costo n.º ${id}`, ...SPANISH_PAGE_WORDS }),
  intro:
    'Este es nuestro mejor cálculo de lo que usted podría pagar por las imágenes que su dentista ha planeado, según la información que nos dio su seguro.',
  patient: 'Paciente',
  estimateDate: 'Fecha del cálculo',
  validUntil: 'Válido hasta',
  insurance: 'Seguro utilizado',
  memberId: 'Número de miembro',
  lastVerified: 'Beneficios revisados por última vez',
  notVerified: 'aún sin revisar',
  selfPay: 'Sin seguro: este cálculo es para pago por cuenta propia.',
  columns: {
    code: 'Código',
    service: 'Servicio',
    tooth: 'Diente o zona',
    fee: 'Tarifa del consultorio',
    insurance: 'Paga el seguro (aprox.)',
    writeOff: 'Descuento del plan (aprox.)',
    patient: 'Paga usted (aprox.)',
  },
  total: 'Total',
  unknownAmount: 'Por confirmar',
  priorAuth: 'Autorización previa',
  priorAuthStatus: (pa) => {
    // Fechas como se leen en español: día/mes/año.
    const fecha = (d: string) => d.split('-').reverse().join('/');
    switch (pa.status) {
      case 'not_requested':
        return 'Requerida, aún no solicitada';
      case 'pending':
        return 'Solicitada; esperando la decisión';
      case 'approved':
        return `Aprobada${pa.authNumber ? ` (n.º ${pa.authNumber}` : ' ('}${pa.validTo ? `, válida hasta el ${fecha(pa.validTo)})` : ')'}`;
      case 'denied':
        return 'Denegada: su seguro no pagará este servicio';
      case 'expires_before':
        return `La aprobación vence el ${fecha(pa.validTo!)}, antes de su cita`;
      case 'starts_after':
        return `La aprobación empieza el ${fecha(pa.validFrom!)}, después de su cita`;
      case 'other_code':
        return `La aprobación es para ${pa.forCode}, no para este servicio`;
      case 'not_required':
        return 'No se requiere';
      default:
        return null;
    }
  },
  remaining: (plan, max, deductible) =>
    `${plan}: máximo anual disponible después de esta visita ${max}; deducible pendiente ${deductible}.`,
  disclaimer: (payers, date) =>
    `Este es un cálculo aproximado, no una garantía de pago. Se basa en lo que ${payers} nos informó el ${date}. Su seguro decide cuánto paga al procesar la reclamación; si paga menos, usted será responsable de la diferencia.`,
  selfPayDisclaimer:
    'Este es un cálculo de nuestras tarifas por los servicios planeados. El costo final puede cambiar si cambia su tratamiento.',
  signature: 'Firma del paciente o tutor',
  date: 'Fecha',
  notes: {
    not_active: 'Cobertura no vigente en esta fecha',
    allowed_unknown: 'Se desconoce la tarifa del plan; se usó la nuestra',
    downgraded: 'Se paga como un servicio de menor costo; usted paga la diferencia',
    not_covered: 'Este plan no lo cubre',
    zero_percent: 'Este plan no lo cubre',
    medical_first: 'Puede que primero haya que facturar a su plan médico',
    frequency: 'Se alcanzó el límite de frecuencia del plan',
    waiting_period: 'Aún no termina el período de espera',
    age_limit: 'Fuera del límite de edad del plan',
    deductible: 'Se aplicó el deducible',
    over_annual_max: 'Se alcanzó el máximo anual',
    over_family_max: 'Se alcanzó el máximo familiar',
    max_unknown: 'Se desconoce el máximo disponible',
    cob: 'Reducido por la coordinación entre sus planes',
    write_off_trimmed: 'Descuento del plan ajustado',
    prior_auth_required: 'Se requiere autorización previa',
    prior_auth_expires: 'La autorización vence antes de la cita',
    dhmo_not_estimated: 'Se desconoce el copago',
    stale: 'Hay que volver a revisar los beneficios',
    not_verified: 'Beneficios aún sin revisar',
    unknown: 'Monto aún por confirmar',
  },
  nextEligible: (date) => `disponible de nuevo el ${date}`,
};

export const COST_SUMMARY_TEXT: Record<Language, CostSummaryText> = { en: EN, es: ES };
