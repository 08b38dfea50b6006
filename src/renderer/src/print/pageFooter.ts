// Every printed page names its document and says "Page n of N" (print.css draws it in the page margin,
// so it appears on paper from the print dialog as well as in PDFs). A page that comes loose from a
// multi-page record still says which record it belongs to. No patient details: minimum necessary.
import { useLayoutEffect } from 'react';

export interface PageFooterText {
  /** The document and its number, e.g. "Verification record #12". */
  document: string;
  page: string;
  of: string;
}

export const ENGLISH_PAGE_WORDS = { page: 'Page', of: 'of' } as const;
export const SPANISH_PAGE_WORDS = { page: 'Página', of: 'de' } as const;

export function usePageFooter(footer: PageFooterText): void {
  const { document: label, page, of } = footer;
  useLayoutEffect(() => {
    // CSS strings: JSON's quoting is valid CSS string syntax for any text.
    const style = window.document.documentElement.style;
    style.setProperty('--print-footer-label', JSON.stringify(label));
    style.setProperty('--print-footer-page', JSON.stringify(page));
    style.setProperty('--print-footer-of', JSON.stringify(of));
  }, [label, page, of]);
}
