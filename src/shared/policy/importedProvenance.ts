// What an imported answer's provenance becomes. A policy pack is a file anyone can write: what it says
// about who recorded an answer, when, and from which call is a claim, not a source. So an imported answer
// is sourced to the import itself (which file, who imported it, when), and the pack's own account is kept
// only as text beside it, never as a date, a person or a call VerifyDesk relies on. A pack that dates an
// answer in the future is refused: no answer can come from there, and such a date would outrank every
// real one. Pure, for the ledger's import to apply to each observation it takes from a pack.
import { localDate } from '../dates/localDate';
import type { PolicyPack } from './policyPack';

type PackProvenance = PolicyPack['provenance'][number];

export interface ImportedProvenance {
  source: 'import';
  /** "policy pack <file>, imported by <person>". */
  recordedBy: string;
  /** The moment of the import (UTC ISO), from the app's clock. */
  recordedAt: string;
  /** Imported answers name no call of this database. */
  callId: null;
  repName: null;
  referenceNumber: null;
  /** What the pack said about the answer, for a person to read; never used as a date, source or call. */
  packSays: string;
}

export type ImportedProvenanceResult =
  { ok: true; provenance: ImportedProvenance } | { ok: false; problem: string };

const SOURCE_WORDS: Record<PackProvenance['source'], string> = {
  call: 'from a call',
  manual: 'entered by hand',
  import: 'imported',
};

export function importedProvenance(
  claimed: PackProvenance,
  context: { fileName: string; importedBy: string; now: Date },
): ImportedProvenanceResult {
  const claimedAt = Date.parse(claimed.recordedAt);
  if (!(claimedAt <= context.now.getTime()))
    return {
      ok: false,
      problem: `The pack dates an answer ${localDate(new Date(claimedAt))}, which is in the future. Nothing was imported: ask whoever made the pack to export it again.`,
    };
  const parts = [
    SOURCE_WORDS[claimed.source],
    `recorded by ${claimed.recordedBy} on ${localDate(new Date(claimedAt))}`,
    ...(claimed.repName ? [`rep ${claimed.repName}`] : []),
    ...(claimed.referenceNumber ? [`reference ${claimed.referenceNumber}`] : []),
  ];
  return {
    ok: true,
    provenance: {
      source: 'import',
      recordedBy: `policy pack ${context.fileName}, imported by ${context.importedBy}`,
      recordedAt: context.now.toISOString(),
      callId: null,
      repName: null,
      referenceNumber: null,
      packSays: `The pack says: ${parts.join(', ')}.`,
    },
  };
}
