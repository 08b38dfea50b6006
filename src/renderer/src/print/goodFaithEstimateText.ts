// The words of the Good Faith Estimate, in English and Spanish. The dispute right and its $400 threshold
// are required content.
import type { Language } from '../../../shared/catalog/printNames';
import { ENGLISH_PAGE_WORDS, SPANISH_PAGE_WORDS, type PageFooterText } from './pageFooter';

export interface GfeText {
  title: string;
  /** The document's name in the page footer, with its number. */
  footer: (id: number) => PageFooterText;
  intro: string;
  patient: string;
  dob: string;
  issued: string;
  provider: string;
  npi: string;
  tin: string;
  primaryService: string;
  scheduled: string;
  notScheduled: string;
  columns: { code: string; service: string; diagnosis: string; charge: string };
  total: string;
  disclaimers: (threshold: string) => string[];
  keep: string;
}

const EN: GfeText = {
  title: 'Good Faith Estimate',
  footer: (id) => ({ document: `Good Faith Estimate #${id}`, ...ENGLISH_PAGE_WORDS }),
  intro:
    'You have the right to receive a Good Faith Estimate explaining how much your dental care will cost.',
  patient: 'Patient',
  dob: 'Date of birth',
  issued: 'Date issued',
  provider: 'Provider',
  npi: 'NPI',
  tin: 'TIN',
  primaryService: 'Primary service',
  scheduled: 'Scheduled for',
  notScheduled: 'Not yet scheduled',
  columns: {
    code: 'Service code',
    service: 'Description',
    diagnosis: 'Diagnosis codes',
    charge: 'Expected charge',
  },
  total: 'Total expected charges',
  disclaimers: (threshold) => [
    'This Good Faith Estimate shows the costs of items and services that are reasonably expected for your care, based on the information known at the time it was created.',
    'It does not include any unknown or unexpected costs that may arise during treatment. You could be charged more if complications or special circumstances occur.',
    `If you are billed for more than this Good Faith Estimate, you have the right to dispute the bill. You may contact the provider to ask them to update the bill to match this estimate, to negotiate, or to ask about financial assistance. You may also start a dispute resolution process with the U.S. Department of Health and Human Services (HHS) if the bill is ${threshold} or more above this estimate. You must start that process within 120 calendar days (about 4 months) of the date on the original bill.`,
    'For questions or more information about your right to a Good Faith Estimate or the dispute process, visit www.cms.gov/nosurprises or call 1-800-985-3059.',
    'This Good Faith Estimate is not a contract and does not require you to obtain the items or services from this provider.',
  ],
  keep: 'Keep a copy of this Good Faith Estimate in a safe place, or take pictures of it. You may need it if you are billed a higher amount.',
};

const ES: GfeText = {
  title: 'Estimación de buena fe',
  footer: (id) => ({ document: `Estimación de buena fe n.º ${id}`, ...SPANISH_PAGE_WORDS }),
  intro:
    'Usted tiene derecho a recibir una estimación de buena fe que explique cuánto costará su atención dental.',
  patient: 'Paciente',
  dob: 'Fecha de nacimiento',
  issued: 'Fecha de emisión',
  provider: 'Proveedor',
  npi: 'NPI',
  tin: 'N.º de identificación fiscal (TIN)',
  primaryService: 'Servicio principal',
  scheduled: 'Programado para',
  notScheduled: 'Aún sin programar',
  columns: {
    code: 'Código del servicio',
    service: 'Descripción',
    diagnosis: 'Códigos de diagnóstico',
    charge: 'Cargo previsto',
  },
  total: 'Total de cargos previstos',
  disclaimers: (threshold) => [
    'Esta estimación de buena fe muestra los costos de los artículos y servicios que razonablemente se esperan para su atención, según la información conocida en el momento en que se preparó.',
    'No incluye costos desconocidos o inesperados que puedan surgir durante el tratamiento. Se le podría cobrar más si se presentan complicaciones o circunstancias especiales.',
    `Si se le factura más de lo indicado en esta estimación de buena fe, usted tiene derecho a disputar la factura. Puede comunicarse con el proveedor para pedirle que ajuste la factura a esta estimación, para negociar o para preguntar por ayuda financiera. También puede iniciar un proceso de resolución de disputas ante el Departamento de Salud y Servicios Humanos de los EE. UU. (HHS) si la factura supera esta estimación en ${threshold} o más. Debe iniciar ese proceso dentro de los 120 días calendario (unos 4 meses) siguientes a la fecha de la factura original.`,
    'Si tiene preguntas o desea más información sobre su derecho a una estimación de buena fe o sobre el proceso de disputa, visite www.cms.gov/nosurprises o llame al 1-800-985-3059.',
    'Esta estimación de buena fe no es un contrato y no le obliga a recibir los artículos o servicios de este proveedor.',
  ],
  keep: 'Guarde una copia de esta estimación de buena fe en un lugar seguro, o tómele fotos. Podría necesitarla si se le factura un monto mayor.',
};

export const GFE_TEXT: Record<Language, GfeText> = { en: EN, es: ES };
