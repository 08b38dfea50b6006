// Splits a search response into its groups (CDT codes, ICD-10-CM diagnoses, CPT hints) and decides how
// many rows each shows, so that the best hit of every group is on screen without scrolling: when several
// groups match, each shows its first few rows and a "Show all" row; a group the person opened shows all.
import {
  RESULT_GROUP_LABELS,
  type ResultType,
  type SearchResult,
} from '../../../shared/catalog/catalogTypes';

export type ResultRow =
  { kind: 'result'; result: SearchResult } | { kind: 'more'; type: ResultType; hidden: number };

export interface ResultGroup {
  type: ResultType;
  label: string;
  total: number;
  /** The rows shown, each with its position in the flat list the arrow keys move through. */
  rows: Array<{ row: ResultRow; index: number }>;
}

/**
 * Rows shown per group before "Show N more", by how many groups matched: on a 768-pixel-high screen
 * the third group's first row is above the fold, on a 1080-pixel one more rows fit (both checked by
 * the end-to-end test at 1366x768 and 1920x1080).
 */
const SHOWN: Record<'compact' | 'tall', Record<number, readonly number[]>> = {
  compact: { 1: [Infinity], 2: [5, 4], 3: [3, 3, 2] },
  tall: { 1: [Infinity], 2: [8, 6], 3: [5, 4, 3] },
};

/** Tall enough for the longer lists (a 1080-pixel screen, less the window's title bar). */
export const TALL_SCREEN_PX = 900;

export function groupResults(
  results: readonly SearchResult[],
  expanded: readonly ResultType[],
  height: number = window.innerHeight,
): { groups: ResultGroup[]; rows: ResultRow[] } {
  const byType: Array<{ type: ResultType; results: SearchResult[] }> = [];
  for (const result of results) {
    const last = byType[byType.length - 1];
    if (last?.type === result.type) last.results.push(result);
    else byType.push({ type: result.type, results: [result] });
  }
  const shown = SHOWN[height >= TALL_SCREEN_PX ? 'tall' : 'compact'];
  const caps = shown[byType.length] ?? shown[3]!;
  const rows: ResultRow[] = [];
  const groups = byType.map(({ type, results: all }, g) => {
    const cap = expanded.includes(type) ? Infinity : (caps[g] ?? caps[caps.length - 1]!);
    const shown: ResultRow[] = all.slice(0, cap).map((result) => ({ kind: 'result', result }));
    if (all.length > cap) shown.push({ kind: 'more', type, hidden: all.length - cap });
    const group: ResultGroup = {
      type,
      label: RESULT_GROUP_LABELS[type],
      total: all.length,
      rows: shown.map((row, i) => ({ row, index: rows.length + i })),
    };
    rows.push(...shown);
    return group;
  });
  return { groups, rows };
}
