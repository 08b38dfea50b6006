// The pieces of an X12 file every reader shares: its delimiters (read from the ISA header, never assumed),
// its segments, and the one error type, whose message tells a person what is wrong and what to do.

export interface Delimiters {
  /** Between elements (ISA position 3), usually "*". */
  element: string;
  /** Inside a composite element (ISA16), usually ":" or ">". */
  component: string;
  /** Between repeats of a repeatable element (ISA11 in 5010), usually "^". */
  repetition: string;
  /** After every segment (the character after ISA16), usually "~". */
  segment: string;
}

export interface Segment {
  /** "ISA", "EB", "HL"... */
  id: string;
  /** elements[1] is XX01; elements[0] is the id itself, so positions read as in the guide. */
  elements: string[];
  /** 1-based position in the file, as a person counting segments would say it. */
  position: number;
}

/** What kind of problem a file has; the message says it in words. */
export type X12Problem =
  | 'empty'
  | 'binary'
  | 'not_x12'
  | 'delimiters'
  | 'truncated'
  | 'envelope'
  | 'counts'
  | 'not_271'
  | 'request_270'
  | 'version_4010'
  | 'structure'
  | 'too_large';

export class X12Error extends Error {
  constructor(
    readonly problem: X12Problem,
    message: string,
    /** The segment where it was found, when there is one. */
    readonly position: number | null = null,
  ) {
    super(message);
    this.name = 'X12Error';
  }
}

/** An element by its number in the guide (EB03 = element(seg, 3)); '' when absent. */
export function element(segment: Segment, n: number): string {
  return segment.elements[n] ?? '';
}

/** The segment as it was written (for showing and keeping next to what was read from it). */
export function segmentText(segment: Segment, d: Delimiters): string {
  return segment.elements.join(d.element);
}

/** A short, safe excerpt of a segment for an error message. */
export function excerpt(text: string, max = 40): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
