// Writes synthetic X12 271 files for tests: the envelope (a fixed-width ISA, GS, ST … SE, GE, IEA) with
// counts and control numbers that add up, around segments written with the usual * : ^ ~ delimiters,
// which are then swapped for the delimiters asked for. Every name, member and payer is invented.
import type { Delimiters } from '../../src/shared/x12/x12Types';

export const STANDARD: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

export interface InterchangeOptions {
  /** The response date, YYYY-MM-DD (BHT04 and GS04). */
  date: string;
  delimiters?: Delimiters;
  /** Written after every segment terminator ('' for one long line). */
  lineBreak?: string;
  control?: string;
  /** ISA12 (00501 for 5010). */
  isaVersion?: string;
  /** GS01 (HB for a 271). */
  functional?: string;
  /** GS08 / ST03. */
  guide?: string;
  /** ST01. */
  transactionType?: string;
  /** BHT03 per transaction. */
  reference?: string;
}

const pad = (text: string, width: number) => text.padEnd(width, ' ').slice(0, width);

/** Rewrites a segment written with * : ^ into other delimiters. */
function swap(segment: string, d: Delimiters): string {
  return segment.replace(/[*:^]/g, (c) => (c === '*' ? d.element : c === ':' ? d.component : d.repetition));
}

export function isaHeader(o: { date: string; control: string; version: string }, d: Delimiters): string {
  const yymmdd = o.date.replace(/-/g, '').slice(2);
  const fields = [
    'ISA',
    '00',
    pad('', 10),
    '00',
    pad('', 10),
    'ZZ',
    pad('SYNTHPAYER', 15),
    'ZZ',
    pad('SYNTHOFFICE', 15),
    yymmdd,
    '1200',
    d.repetition,
    o.version,
    o.control.padStart(9, '0'),
    '0',
    'T',
    d.component,
  ];
  return fields.join(d.element) + d.segment;
}

/**
 * One interchange holding one transaction per body (each a list of segments between BHT and SE,
 * written with * : ^ and no terminators). Counts are computed; callers break them on purpose.
 */
export function interchange(bodies: string[][], o: InterchangeOptions): string {
  const d = o.delimiters ?? STANDARD;
  const control = o.control ?? '905';
  const ccyymmdd = o.date.replace(/-/g, '');
  const guide = o.guide ?? '005010X279A1';
  const lines: string[] = [];
  lines.push(`GS*${o.functional ?? 'HB'}*SYNTHPAYER*SYNTHOFFICE*${ccyymmdd}*1200*${control}*X*${guide}`);
  bodies.forEach((body, i) => {
    const st = String(i + 1).padStart(4, '0');
    const set = [
      `ST*${o.transactionType ?? '271'}*${st}*${guide}`,
      `BHT*0022*11*${o.reference ?? `SYNTH-270-TRACE-${st}`}*${ccyymmdd}*1200`,
      ...body,
    ];
    lines.push(...set, `SE*${set.length + 1}*${st}`);
  });
  lines.push(`GE*${bodies.length}*${control}`, `IEA*1*${control.padStart(9, '0')}`);
  const lineBreak = o.lineBreak ?? '\n';
  return (
    isaHeader({ date: o.date, control, version: o.isaVersion ?? '00501' }, d) +
    lineBreak +
    lines.map((l) => swap(l, d) + d.segment).join(lineBreak) +
    lineBreak
  );
}

/** Payer and office loops (2000A/2100A, 2000B/2100B) as the sample writes them. */
export function payerAndOffice(payer = 'SYNTHETIC DENTAL PLAN (TEST ONLY)', payerId = '99999'): string[] {
  return [
    'HL*1**20*1',
    `NM1*PR*2*${payer}*****PI*${payerId}`,
    'HL*2*1*21*1',
    'NM1*1P*2*EXAMPLE DENTAL OFFICE (TEST)*****XX*1234567893',
  ];
}

export interface SyntheticMember {
  hl: number;
  last: string;
  first: string;
  memberId: string;
  /** YYYY-MM-DD. */
  dob: string;
  group?: string;
  planBegin?: string;
  trace?: string;
  /** 2110 segments (EB and what follows), written with * : ^. */
  benefits?: string[];
  /** Written instead of benefits: AAA and the like in 2100. */
  extra?: string[];
  hasDependents?: boolean;
}

const d8 = (iso: string) => iso.replace(/-/g, '');

export function subscriber(m: SyntheticMember): string[] {
  return [
    `HL*${m.hl}*2*22*${m.hasDependents ? 1 : 0}`,
    ...(m.trace ? [`TRN*2*${m.trace}*9EXAMPLEOF`] : []),
    `NM1*IL*1*${m.last}*${m.first}****MI*${m.memberId}`,
    ...(m.group ? [`REF*6P*${m.group}*SYNTHETIC EMPLOYER GROUP`] : []),
    `DMG*D8*${d8(m.dob)}*F`,
    'INS*Y*18',
    ...(m.planBegin ? [`DTP*346*D8*${d8(m.planBegin)}`] : []),
    ...(m.extra ?? []),
    ...(m.benefits ?? []),
  ];
}

export function dependent(parentHl: number, m: Omit<SyntheticMember, 'memberId' | 'group'>): string[] {
  return [
    `HL*${m.hl}*${parentHl}*23*0`,
    ...(m.trace ? [`TRN*2*${m.trace}*9EXAMPLEOF`] : []),
    `NM1*03*1*${m.last}*${m.first}`,
    `DMG*D8*${d8(m.dob)}*M`,
    'INS*N*19',
    ...(m.planBegin ? [`DTP*346*D8*${d8(m.planBegin)}`] : []),
    ...(m.extra ?? []),
    ...(m.benefits ?? []),
  ];
}

/** The benefits of the domain sample (section 6), with its last-service date given. */
export function sampleBenefits(lastPano: string): string[] {
  return [
    'EB*1*IND*35*PR*SYNTHETIC DENTAL PPO',
    'EB*F*IND*35***23*1500*****Y',
    'EB*F*IND*35***29*1200*****Y',
    'EB*C*IND*35***23*50*****Y',
    'EB*C*IND*35***29*25*****Y',
    'MSG*DEDUCTIBLE WAIVED FOR DIAGNOSTIC AND PREVENTIVE (SYNTHETIC)',
    'EB*A*IND*23*****0****Y',
    'EB*A*IND*4*****0.2****Y',
    'EB*A*IND*40*****0.2****Y',
    'EB*A*IND*39*****0.5****Y',
    'EB*F*IND*4*********Y*AD:D0330',
    'HSD*VS*1***34*60',
    `DTP*304*D8*${d8(lastPano)}`,
    'MSG*PANORAMIC AND FULL MOUTH SERIES SHARE ONE FREQUENCY (SYNTHETIC)',
    'EB*A*IND*4*****0.5***Y*Y*AD:D0367',
    'MSG*CONE BEAM CT REQUIRES PRIOR AUTHORIZATION - SUBMIT NARRATIVE AND 2D IMAGES (SYNTHETIC)',
    'III*ZZ*11',
    'EB*F*IND*4***32***P6*1**Y*AD:D0367',
    'EB*I*IND*4**********AD:D0364',
    'MSG*LIMITED FIELD CBCT NOT A COVERED DENTAL BENEFIT - CHECK MEDICAL PLAN (SYNTHETIC)',
    'EB*R**30',
    'LS*2120',
    'NM1*PRP*2*SYNTHETIC MEDICAL PLAN (TEST)*****PI*88888',
    'PER*IC**TE*5555550100',
    'LE*2120',
  ];
}
