// Practice-wide settings: the office header that goes on every printout, and the staleness windows.
import { z } from 'zod';
import { siteOrigin } from './externalSites';
import { isValidNpi, isValidTin, normaliseNpi, normaliseTin, NPI_MESSAGE, TIN_MESSAGE } from './officeChecks';

const text = (max: number) => z.string().trim().max(max);

export const officeSchema = z.strictObject({
  name: text(120),
  addressLine1: text(120),
  addressLine2: text(120),
  phone: text(40),
  /** National Provider Identifier: 10 digits, or empty until the practice fills it in. */
  npi: z.union([z.literal(''), z.string().regex(/^\d{10}$/, 'An NPI is exactly 10 digits.')]),
  /** Taxpayer Identification Number, written 12-3456789, or empty. */
  tin: z.union([z.literal(''), z.string().regex(/^\d{2}-\d{7}$/, 'Write the TIN as 12-3456789.')]),
});
export type Office = z.infer<typeof officeSchema>;

export const settingsSchema = z.strictObject({
  office: officeSchema,
  /** Days after which a plan-benefit answer counts as stale. */
  planStaleAfterDays: z.number().int().min(1).max(3650),
  /** Days after which a patient-eligibility answer counts as stale. */
  eligibilityStaleAfterDays: z.number().int().min(1).max(3650),
  /** Minutes without using VerifyDesk after which it locks (the screen faces the waiting room). */
  lockAfterMinutes: z
    .number()
    .int()
    .min(1, 'Lock after 1 to 30 minutes.')
    .max(30, 'Lock after 1 to 30 minutes.'),
  /** Where backups go; empty: the backups folder beside the database. Another disk is better. */
  backupFolder: z.string().trim().max(500),
  /** Optional second place (a USB drive, a network folder): each backup is copied there and checked. */
  backupCopyFolder: z.string().trim().max(500),
  /** Web sites (payer portals) VerifyDesk may open in the browser; nothing else is ever opened. */
  externalSites: z
    .array(
      z
        .string()
        .trim()
        .max(200)
        .refine((site) => siteOrigin(site) === site, {
          message: 'Write each site as https:// and its name only, like https://portal.example.com.',
        }),
    )
    .max(50),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  office: { name: '', addressLine1: '', addressLine2: '', phone: '', npi: '', tin: '' },
  planStaleAfterDays: 90,
  eligibilityStaleAfterDays: 30,
  lockAfterMinutes: 10,
  backupFolder: '',
  backupCopyFolder: '',
  externalSites: [],
};

/**
 * A change to the office header: the NPI must pass its check digit and the TIN must be an EIN (a stored
 * header is only checked for shape, so one saved by an older build still loads, and printing says what
 * to fix). Spaces and dashes in an NPI, and a TIN typed as nine digits, are accepted and written out.
 */
const officePatchSchema = officeSchema.partial().extend({
  npi: z
    .string()
    .transform(normaliseNpi)
    .refine((npi) => npi === '' || /^\d{10}$/.test(npi), 'An NPI is exactly 10 digits.')
    .refine((npi) => npi === '' || isValidNpi(npi), NPI_MESSAGE)
    .optional(),
  tin: z
    .string()
    .transform(normaliseTin)
    .refine((tin) => tin === '' || isValidTin(tin), TIN_MESSAGE)
    .optional(),
});

export const settingsPatchSchema = z.strictObject({
  office: officePatchSchema.optional(),
  planStaleAfterDays: settingsSchema.shape.planStaleAfterDays.optional(),
  eligibilityStaleAfterDays: settingsSchema.shape.eligibilityStaleAfterDays.optional(),
  lockAfterMinutes: settingsSchema.shape.lockAfterMinutes.optional(),
  backupFolder: settingsSchema.shape.backupFolder.optional(),
  backupCopyFolder: settingsSchema.shape.backupCopyFolder.optional(),
  externalSites: settingsSchema.shape.externalSites.optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
