// Splits an X12 interchange into segments and elements. The delimiters come from the fixed-width ISA
// header (element separator at position 3, repetition separator at 82, component separator at 104, the
// segment terminator at 105), because every sender may choose its own. Line breaks after terminators
// (or anywhere, when the terminator is not itself a line break) are dropped: clearinghouses wrap files.
import { excerpt, X12Error, type Delimiters, type Segment } from './x12Types';

/** ISA is fixed-length: 106 characters with its terminator. */
export const ISA_LENGTH = 106;

/** Where the element separator must appear in the ISA header (after ISA and after ISA01..ISA15). */
const ISA_SEPARATOR_POSITIONS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** Control characters other than tab, CR and LF: a text file has none; a binary one is full of them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY = /[\x00-\x08\x0e-\x1f\x7f]/;

function readDelimiters(text: string): Delimiters {
  if (text.length < ISA_LENGTH)
    throw new X12Error(
      'truncated',
      'The file is too short to be an X12 file: its ISA header alone is 106 characters. It may have been cut off; get the file again.',
    );
  const element = text[3]!;
  const misplaced = ISA_SEPARATOR_POSITIONS.find((p) => text[p] !== element);
  if (misplaced !== undefined)
    throw new X12Error(
      'delimiters',
      `The ISA header is damaged: its fields are fixed-width, but the separator "${excerpt(element)}" is not where it belongs (character ${misplaced + 1}). The file was probably edited or re-saved by hand; get the original from the clearinghouse.`,
      1,
    );
  const d: Delimiters = { element, repetition: text[82]!, component: text[104]!, segment: text[105]! };
  const chars = [d.element, d.repetition, d.component, d.segment];
  const bad = chars.find((c) => /[A-Za-z0-9 ]/.test(c));
  if (new Set(chars).size < chars.length || bad !== undefined)
    throw new X12Error(
      'delimiters',
      `The ISA header names separators that cannot work (element "${excerpt(d.element)}", repetition "${excerpt(d.repetition)}", component "${excerpt(d.component)}", segment "${excerpt(d.segment)}"): each must be a different symbol. The file is damaged; get it again.`,
      1,
    );
  return d;
}

export function tokenizeX12(input: string): { delimiters: Delimiters; segments: Segment[] } {
  let text = input.replace(/^\uFEFF/, '').replace(/^[\s]+/, '');
  // A line break inside the fixed-width header: the sender wrapped the file at a line width.
  if (/[\r\n]/.test(text.slice(0, 105))) text = text.replace(/[\r\n]/g, '');
  if (text.trim() === '') throw new X12Error('empty', 'The file is empty.');
  if (BINARY.test(text.slice(0, 4096)))
    throw new X12Error(
      'binary',
      'This is not a text file (it holds binary data), so it cannot be an eligibility file. Check that you picked the 271 response, not a PDF, image or zip.',
    );
  if (!text.startsWith('ISA'))
    throw new X12Error(
      'not_x12',
      `This is not an X12 file: an eligibility response (271) starts with "ISA", this one starts with "${excerpt(text, 12)}". Check that you picked the 271 file from the clearinghouse or your practice software.`,
    );
  const d = readDelimiters(text);
  const lineBreakTerminator = d.segment === '\n' || d.segment === '\r';
  const body = lineBreakTerminator ? text.replace(/\r\n/g, '\n') : text.replace(/[\r\n]/g, '');
  const terminator = lineBreakTerminator ? '\n' : d.segment;
  if (BINARY.test(body))
    throw new X12Error(
      'binary',
      'The file holds binary data after its header, so it is damaged or not an eligibility file. Get it again.',
    );
  const pieces = body.split(terminator);
  const rest = pieces.pop()!;
  if (rest.trim() !== '')
    throw new X12Error(
      'truncated',
      `The file ends in the middle of a segment ("${excerpt(rest)}", segment ${pieces.length + 1}): it was cut off. Nothing was imported; get the whole file again.`,
      pieces.length + 1,
    );
  return {
    delimiters: d,
    segments: pieces.map((piece, i) => {
      const elements = piece.split(d.element);
      const id = elements[0]!;
      if (!SEGMENT_ID.test(id))
        throw new X12Error(
          piece.trim() === '' ? 'structure' : 'delimiters',
          piece.trim() === ''
            ? `Segment ${i + 1} is empty (two segment terminators in a row): the file is damaged. Get it again.`
            : `Segment ${i + 1} ("${excerpt(piece)}") does not start with a segment name: the file does not use the separators its ISA header declares (element "${d.element}", segment "${excerpt(d.segment)}"), or it is damaged. Get the file again.`,
          i + 1,
        );
      return { id, elements, position: i + 1 };
    }),
  };
}
