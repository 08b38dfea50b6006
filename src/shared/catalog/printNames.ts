// Short plain-language names for printouts a patient reads, in English and Spanish (our own words).
export type Language = 'en' | 'es';

type Name = readonly [en: string, es: string];

const FAMILIES: Array<[codes: string[], name: Name]> = [
  [
    ['D0210', 'D0709'],
    ['Full-mouth X-ray series', 'Serie radiográfica completa de la boca'],
  ],
  [
    ['D0220', 'D0230', 'D0707'],
    ['Periapical X-ray', 'Radiografía periapical'],
  ],
  [
    ['D0240', 'D0706'],
    ['Occlusal X-ray', 'Radiografía oclusal'],
  ],
  [
    ['D0250', 'D0251', 'D0260', 'D0290', 'D0705'],
    ['Extraoral X-ray', 'Radiografía extraoral'],
  ],
  [
    ['D0270', 'D0272', 'D0273', 'D0274', 'D0277', 'D0708'],
    ['Bitewing X-rays', 'Radiografías de aleta de mordida'],
  ],
  [
    ['D0310'],
    [
      'Salivary gland X-ray with dye (sialography)',
      'Radiografía de glándulas salivales con contraste (sialografía)',
    ],
  ],
  [
    ['D0320'],
    [
      'Jaw joint X-ray with dye (arthrogram)',
      'Radiografía de la articulación de la mandíbula con contraste (artrografía)',
    ],
  ],
  [['D0321'], ['Other jaw joint images', 'Otras imágenes de la articulación de la mandíbula']],
  [['D0322'], ['Tomographic survey', 'Estudio tomográfico']],
  [
    ['D0330', 'D0701'],
    ['Panoramic X-ray', 'Radiografía panorámica'],
  ],
  [
    ['D0340', 'D0702'],
    ['Cephalometric X-ray', 'Radiografía cefalométrica'],
  ],
  [
    ['D0350', 'D0351', 'D0703', 'D0704'],
    ['Clinical photographs', 'Fotografías clínicas'],
  ],
  [
    ['D0360', 'D0362', 'D0363'],
    ['Cone-beam CT (older code)', 'Tomografía de haz cónico (código anterior)'],
  ],
  [
    ['D0364', 'D0380'],
    ['Cone-beam CT, small area', 'Tomografía de haz cónico, zona pequeña'],
  ],
  [
    ['D0365', 'D0381'],
    ['Cone-beam CT, lower jaw', 'Tomografía de haz cónico, mandíbula'],
  ],
  [
    ['D0366', 'D0382'],
    ['Cone-beam CT, upper jaw', 'Tomografía de haz cónico, maxilar superior'],
  ],
  [
    ['D0367', 'D0383'],
    ['Cone-beam CT, both jaws', 'Tomografía de haz cónico, ambos maxilares'],
  ],
  [
    ['D0368', 'D0384'],
    ['Cone-beam CT, jaw joints', 'Tomografía de haz cónico, articulaciones de la mandíbula'],
  ],
  [
    ['D0369', 'D0385'],
    ['MRI of the face and jaws', 'Resonancia magnética de la cara y los maxilares'],
  ],
  [
    ['D0370', 'D0386'],
    ['Ultrasound of the face and neck', 'Ecografía de la cara y el cuello'],
  ],
  [
    ['D0371'],
    [
      'Salivary duct exam with a scope (sialoendoscopy)',
      'Examen de los conductos salivales con endoscopio (sialoendoscopia)',
    ],
  ],
  [
    ['D0372', 'D0387'],
    ['Layered full-mouth X-rays (tomosynthesis)', 'Radiografías completas por capas (tomosíntesis)'],
  ],
  [
    ['D0373', 'D0388'],
    ['Layered bitewing X-ray (tomosynthesis)', 'Radiografía de aleta de mordida por capas (tomosíntesis)'],
  ],
  [
    ['D0374', 'D0389'],
    ['Layered periapical X-ray (tomosynthesis)', 'Radiografía periapical por capas (tomosíntesis)'],
  ],
  [['D0391'], ['Reading and report of images', 'Lectura e informe de imágenes']],
  [
    ['D0393'],
    ['Virtual treatment planning on a 3D image', 'Planificación virtual del tratamiento en imagen 3D'],
  ],
  [['D0394'], ['Comparison of images over time', 'Comparación de imágenes a lo largo del tiempo']],
  [['D0395'], ['Combining 3D images', 'Combinación de imágenes 3D']],
  [['D0396'], ['3D-printed model', 'Modelo impreso en 3D']],
  [['D0801'], ['3D scan inside the mouth', 'Escaneo 3D dentro de la boca']],
  [['D0802'], ['3D scan of a dental model', 'Escaneo 3D de un modelo dental']],
  [['D0803'], ['3D scan of the face', 'Escaneo 3D de la cara']],
  [['D0804'], ['3D scan of facial features', 'Escaneo 3D de rasgos faciales']],
];

const CAPTURE_ONLY = new Set([
  'D0380',
  'D0381',
  'D0382',
  'D0383',
  'D0384',
  'D0385',
  'D0386',
  'D0387',
  'D0388',
  'D0389',
  'D0701',
  'D0702',
  'D0703',
  'D0704',
  'D0705',
  'D0706',
  'D0707',
  'D0708',
  'D0709',
]);
const BY_CODE = new Map(FAMILIES.flatMap(([codes, name]) => codes.map((code) => [code, name] as const)));

/** A printable name; codes outside the imaging catalog get a generic one. */
export function printName(code: string, language: Language): string {
  const name = BY_CODE.get(code) ?? (['Dental service', 'Servicio dental'] as const);
  const base = name[language === 'en' ? 0 : 1];
  if (!CAPTURE_ONLY.has(code)) return base;
  return language === 'en'
    ? `${base}, taken here and read elsewhere`
    : `${base}, tomada aquí e interpretada en otro lugar`;
}

export const PRINT_NAMED_CODES = [...BY_CODE.keys()];
