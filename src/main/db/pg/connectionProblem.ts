// Why a connection to the office database failed, in words the practice's IT person can act on: the
// driver's and the server's errors (a network code, a TLS verdict, a SQLSTATE) mapped to one outcome and a
// sentence naming the server. Never the stack, and never the password (no error here carries it).
import type { OfficeDatabaseOutcome } from '../../../shared/settings/officeDatabase';

export interface ConnectionProblem {
  outcome: Exclude<OfficeDatabaseOutcome, 'ready' | 'empty' | 'older' | 'newer' | 'not_verifydesk'>;
  message: string;
}

/** Where the check went: named in every message, so the reader can compare it with what they meant. */
export interface ConnectionTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** Seconds the check waits for a server that does not answer before saying it cannot be reached. */
export const CHECK_CONNECT_TIMEOUT_SECONDS = 5;

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
]);
const UNKNOWN_NAME_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);

/** Node's verdicts on the server's certificate, each with what it means for the person fixing it. */
const CERTIFICATE_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it was signed by an authority this computer does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it was signed by an authority this computer does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'it was signed by an authority this computer does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was signed by an authority this computer does not trust',
  CERT_SIGNATURE_FAILURE: 'its signature does not match the CA certificate given',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet (check this computer’s date and time)',
  CERT_REVOKED: 'it has been revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was made for a different server name than the one typed here',
};

interface ErrorFacts {
  code: string | null;
  message: string;
}

/** The error and its causes (the pool wraps a timed-out connection's error). */
function factsOf(error: unknown): ErrorFacts[] {
  const facts: ErrorFacts[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    facts.push({
      code: typeof e.code === 'string' ? e.code : null,
      message: typeof e.message === 'string' ? e.message : '',
    });
    current = e.cause;
  }
  return facts;
}

/** The server's own sentence, shown for an error VerifyDesk has no plain words for. */
function serverSentence(message: string): string {
  const firstLine = message.split('\n')[0]!.trim();
  return firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine;
}

export function connectionProblem(error: unknown, target: ConnectionTarget): ConnectionProblem {
  const server = `${target.host}:${target.port}`;
  const facts = factsOf(error);
  const has = (test: (f: ErrorFacts) => boolean) => facts.find(test);

  const certificate = has((f) => f.code !== null && f.code in CERTIFICATE_REASONS);
  if (certificate)
    return {
      outcome: 'tls',
      message: `The server at ${server} answered, but its TLS certificate is not trusted: ${CERTIFICATE_REASONS[certificate.code!]}. Nothing was sent to it. Paste the certificate of the authority (CA) that signed the server's certificate in "CA certificate", or ask your IT person for a server certificate made for ${target.host}.`,
    };
  if (has((f) => /does not support SSL/i.test(f.message)))
    return {
      outcome: 'tls',
      message: `The server at ${server} does not accept TLS (encrypted) connections, and VerifyDesk sends nothing to an office database unencrypted. Your IT person turns on TLS on the server (ssl = on in postgresql.conf, with a certificate).`,
    };
  if (has((f) => f.code !== null && (f.code.startsWith('ERR_TLS') || f.code.startsWith('ERR_SSL'))))
    return {
      outcome: 'tls',
      message: `The TLS (encrypted) connection to ${server} could not be set up. Check that the CA certificate pasted here is the one that signed the server's certificate, or ask your IT person to check the server's TLS settings.`,
    };

  const sqlState = has((f) => f.code !== null && /^[0-9A-Z]{5}$/.test(f.code) && !f.code.startsWith('E'));
  if (sqlState) {
    switch (sqlState.code) {
      case '28P01':
        return {
          outcome: 'credentials',
          message: `The server at ${server} refused the user name or password (user ${target.user}). Check both; passwords are case-sensitive.`,
        };
      case '28000':
        return {
          outcome: 'credentials',
          message: `The server at ${server} does not let user ${target.user} connect to ${target.database} from this computer: the user name may be wrong, or the server's access list (pg_hba.conf) has no entry for this computer. Check the user name, or ask your IT person to allow this computer.`,
        };
      case '3D000':
        return {
          outcome: 'no_database',
          message: `The server at ${server} has no database named ${target.database}. Check the name (capital letters count), or ask your IT person to create an empty database for VerifyDesk.`,
        };
      // Shut down by its administrator (57P01), crashed (57P02), starting or stopping (57P03), or full.
      case '57P01':
      case '57P02':
      case '57P03':
      case '53300':
        return {
          outcome: 'unreachable',
          message: `The server at ${server} is there but not taking connections now (it is starting, shutting down or full). Try again in a minute.`,
        };
    }
    // Class 08: the connection itself failed (the driver's own codes for a lost connection).
    if (sqlState.code!.startsWith('08'))
      return {
        outcome: 'unreachable',
        message: `The connection to the server at ${server} was lost. Check that the server is running and that this computer is on the office network.`,
      };
    return {
      outcome: 'problem',
      message: `The server at ${server} answered with a problem VerifyDesk has no plain words for: "${serverSentence(sqlState.message)}" (code ${sqlState.code}). Show this to your IT person.`,
    };
  }

  if (has((f) => f.code !== null && UNKNOWN_NAME_CODES.has(f.code)))
    return {
      outcome: 'unreachable',
      message: `No computer named ${target.host} could be found on the network. Check the server name (or type its IP address).`,
    };
  if (has((f) => f.code === 'ETIMEDOUT' || /timeout|timed out/i.test(f.message)))
    return {
      outcome: 'unreachable',
      message: `The server at ${server} did not answer within ${CHECK_CONNECT_TIMEOUT_SECONDS} seconds. Check the server name and port, that the server is on, and that its firewall lets this computer in.`,
    };
  if (has((f) => f.code !== null && UNREACHABLE_CODES.has(f.code)))
    return {
      outcome: 'unreachable',
      message: `No database server answered at ${server}. Check the server name and port (PostgreSQL usually listens on 5432), that the server is running, and that its firewall lets this computer in.`,
    };
  // The socket closed under a query ("terminated unexpectedly"), or a client it closed under was used.
  if (has((f) => /Connection terminated|not queryable/i.test(f.message)))
    return {
      outcome: 'unreachable',
      message: `The server at ${server} closed the connection before answering. Check that the port is PostgreSQL's (usually 5432) and that the server is running.`,
    };
  return {
    outcome: 'problem',
    message: `VerifyDesk could not finish the check with ${server} because of an unexpected problem. Try again; if it keeps happening, note the time and tell your IT person.`,
  };
}
