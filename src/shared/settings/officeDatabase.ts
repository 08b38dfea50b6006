// The office database's connection settings as an administrator types them, the rule that a connection
// without TLS may only go to this computer itself, and what a connection check can find.
import { z } from 'zod';

/**
 * This computer itself: 127.0.0.0/8, ::1 and localhost. A plain connection to anything else would send
 * the password and patient data across the office network unencrypted.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

export const TLS_ONLY_FOR_LOOPBACK =
  'Require TLS can be off only for a server on this computer (127.0.0.1, ::1 or localhost). For a server on another computer, turn Require TLS on.';

const PEM_CERTIFICATE = /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/;

/** Where the server is and who VerifyDesk signs in as: everything but the password (kept in clear). */
export const officeServerSchema = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1, 'Type the server: its name on the network or its IP address.')
    .max(253)
    // A host name, an IPv4 address or an IPv6 address: nothing that could carry other options.
    .regex(/^[a-zA-Z0-9.:[\]-]+$/, 'Type the server name or IP address only (no spaces, no slashes).'),
  port: z
    .number({ error: 'Type the port: a number, usually 5432.' })
    .int('Type the port: a number, usually 5432.')
    .min(1, 'A port is a number from 1 to 65535.')
    .max(65535, 'A port is a number from 1 to 65535.'),
  database: z.string().trim().min(1, 'Type the name of the database.').max(63),
  user: z.string().trim().min(1, 'Type the user name VerifyDesk signs in to the server with.').max(63),
  requireTls: z.boolean(),
  /** PEM of the authority that signed the server's certificate; empty: the usual public authorities. */
  caCertificate: z
    .string()
    .trim()
    .max(20_000, 'That is longer than a certificate: paste one CA certificate (PEM).')
    .refine(
      (pem) => pem === '' || PEM_CERTIFICATE.test(pem),
      'Paste the certificate as PEM text, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----, or leave it empty.',
    ),
});

export type OfficeServer = z.infer<typeof officeServerSchema>;

export const officeDatabaseSettingsSchema = officeServerSchema
  .extend({
    /**
     * Never logged or returned: passed to the server, and kept only wrapped by the operating system's
     * protected storage once this computer uses the office database (officeConnectionFile.ts). Required: a
     * desk always signs in with one (and the driver would otherwise look for PGPASSWORD or a .pgpass file).
     */
    password: z.string().min(1, 'Type the password for this user.').max(1000),
  })
  .refine((s) => s.requireTls || isLoopbackHost(s.host), {
    message: TLS_ONLY_FOR_LOOPBACK,
    path: ['requireTls'],
  });
export type OfficeDatabaseSettings = z.infer<typeof officeDatabaseSettingsSchema>;

export const OFFICE_DATABASE_OUTCOMES = [
  /** A VerifyDesk database at this app's schema version. */
  'ready',
  /** No tables at all: "Create the VerifyDesk database" may run. */
  'empty',
  /** A VerifyDesk database from an older VerifyDesk: upgraded when a desk first opens it. */
  'older',
  /** A VerifyDesk database from a newer VerifyDesk: update this computer first. */
  'newer',
  /** Tables that are not VerifyDesk's: never written to. */
  'not_verifydesk',
  /** No server answered at that host and port (or the name is unknown). */
  'unreachable',
  /** The server offers no TLS, or its certificate is not trusted. */
  'tls',
  /** The server refused the user name or password. */
  'credentials',
  /** The server has no database of that name. */
  'no_database',
  /** Anything else the server answered: its own words, never a stack. */
  'problem',
] as const;
export type OfficeDatabaseOutcome = (typeof OFFICE_DATABASE_OUTCOMES)[number];

export const officeDatabaseCheckSchema = z.strictObject({
  outcome: z.enum(OFFICE_DATABASE_OUTCOMES),
  /** What was found and what to do, in words the practice's IT person can act on. */
  message: z.string(),
  /** The database's VerifyDesk schema version, when it has one. */
  schemaVersion: z.number().int().nullable(),
  /** The schema version this copy of VerifyDesk uses. */
  appSchemaVersion: z.number().int(),
  /**
   * For a database at this app's schema: whether it holds any office data yet (none: this computer's
   * data can be moved there). Null for every other outcome.
   */
  holdsOfficeData: z.boolean().nullable(),
});
export type OfficeDatabaseCheck = z.infer<typeof officeDatabaseCheckSchema>;

/**
 * "Use this office database on this computer": the server's details and, for an office database that
 * already has an audit trail, the office key shown in Settings on a computer that uses it (empty for a
 * new office database: this computer makes the key).
 */
export const officeDatabaseUseSchema = z.strictObject({
  settings: officeDatabaseSettingsSchema,
  officeKey: z.string().trim().max(200),
});
export type OfficeDatabaseUse = z.infer<typeof officeDatabaseUseSchema>;

export const officeDatabaseUsedSchema = z.strictObject({
  /** What happens next, in words. */
  message: z.string(),
  /** The office key, to type on the next computer that joins (Crockford base32 in groups of five). */
  officeKey: z.string(),
});
export type OfficeDatabaseUsed = z.infer<typeof officeDatabaseUsedSchema>;

export const officeDatabaseStatusSchema = z.strictObject({
  /** Where this session's data is: this computer's own file or the office database. */
  running: z.enum(['own', 'office']),
  /** What this window shows now, in words ("this computer's own data", "the office database X on host:port"). */
  openNow: z.string(),
  /** What is chosen is not what is open: the choice takes effect at the next start. */
  restartNeeded: z.boolean(),
  /** The office database chosen for the next start (null: this computer's own data). */
  saved: z
    .strictObject({
      host: z.string(),
      port: z.number().int(),
      database: z.string(),
      user: z.string(),
      requireTls: z.boolean(),
      /** YYYY-MM-DD, and the administrator's name. */
      savedOn: z.string(),
      savedBy: z.string(),
    })
    .nullable(),
});
export type OfficeDatabaseStatus = z.infer<typeof officeDatabaseStatusSchema>;
/** What "Move this computer's data to the office database" did. */
export const officeDatabaseMoveSchema = z.strictObject({
  /** What moved, in words. */
  message: z.string(),
  /** Rows copied, per table. */
  counts: z.record(z.string(), z.number().int().min(0)),
  /** This computer's name, as the office trail records it. */
  computer: z.string(),
  /**
   * The office key: the moved trail is signed with this computer's audit key, so it becomes the office's;
   * the next computer that joins types it.
   */
  officeKey: z.string(),
});
export type OfficeDatabaseMove = z.infer<typeof officeDatabaseMoveSchema>;

/**
 * An administrator's answer for one patient of this computer that only partly matches one of the
 * office's: the same person (sameAs: the office patient's id), or another person (separate).
 */
export const patientDecisionSchema = z.union([
  z.strictObject({ patientId: z.number().int().positive(), sameAs: z.number().int().positive() }),
  z.strictObject({ patientId: z.number().int().positive(), separate: z.literal(true) }),
]);
export type PatientDecisionInput = z.infer<typeof patientDecisionSchema>;

/**
 * "Merge this computer's data into the office database": the server, the office key (the office trail
 * is signed with it; this computer's own key is not the office's), and the decisions for doubtful patients.
 */
export const officeDatabaseMergeInputSchema = z.strictObject({
  settings: officeDatabaseSettingsSchema,
  officeKey: z.string().trim().max(200),
  decisions: z.array(patientDecisionSchema).max(10_000),
});
export type OfficeDatabaseMergeInput = z.infer<typeof officeDatabaseMergeInputSchema>;

const patientSideSchema = z.strictObject({
  id: z.number().int(),
  firstName: z.string(),
  lastName: z.string(),
  dob: z.string(),
  memberIds: z.array(z.string()),
});

/** What the merge did, or (nothing written) the doubtful pairs to decide on first. */
export const officeDatabaseMergeSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('merged'),
    message: z.string(),
    /** Rows added per table. */
    counts: z.record(z.string(), z.number().int().min(0)),
    computer: z.string(),
    /** The office key this computer now uses (the one typed), shown again for the next computer. */
    officeKey: z.string(),
  }),
  z.strictObject({
    outcome: z.literal('review'),
    message: z.string(),
    pairs: z.array(z.strictObject({ here: patientSideSchema, office: patientSideSchema, why: z.string() })),
  }),
]);
export type OfficeDatabaseMerge = z.infer<typeof officeDatabaseMergeSchema>;
