// The connection check's errors in plain words: each driver, network, TLS and server error maps to one
// outcome and a sentence naming the server; nothing of the error's stack (or any password) is shown.
import { describe, expect, it } from 'vitest';
import { connectionProblem } from '../../../src/main/db/pg/connectionProblem';

const target = { host: 'db.office.lan', port: 5433, database: 'verifydesk', user: 'desk_role' };

/** An error as the driver or Node throws it: a message, a code, sometimes a cause. */
function failure(message: string, code?: string, cause?: unknown): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause }) as Error & { code?: string };
  if (code) error.code = code;
  return error;
}

describe('connection errors in plain words', () => {
  it.each([
    [
      failure('password authentication failed for user "desk_role"', '28P01'),
      'credentials',
      'refused the user name or password (user desk_role)',
    ],
    [
      failure('no pg_hba.conf entry for host "10.0.0.9"', '28000'),
      'credentials',
      'does not let user desk_role connect to verifydesk from this computer',
    ],
    [
      failure('database "verifydesk" does not exist', '3D000'),
      'no_database',
      'has no database named verifydesk',
    ],
    [
      failure('connect ECONNREFUSED 10.0.0.4:5433', 'ECONNREFUSED'),
      'unreachable',
      'No database server answered at db.office.lan:5433',
    ],
    [
      failure('getaddrinfo ENOTFOUND db.office.lan', 'ENOTFOUND'),
      'unreachable',
      'No computer named db.office.lan',
    ],
    [failure('connect ETIMEDOUT', 'ETIMEDOUT'), 'unreachable', 'did not answer within 5 seconds'],
    // The pool wraps the timed-out connection's own error.
    [
      failure('Connection terminated due to connection timeout', undefined, failure('timeout expired')),
      'unreachable',
      'did not answer within 5 seconds',
    ],
    [failure('Connection terminated unexpectedly'), 'unreachable', 'closed the connection before answering'],
    [failure('the database system is starting up', '57P03'), 'unreachable', 'not taking connections now'],
    [
      failure('terminating connection due to administrator command', '57P01'),
      'unreachable',
      'not taking connections now',
    ],
    [failure('terminating connection due to crash', '57P02'), 'unreachable', 'not taking connections now'],
    [failure('connection failure', '08006'), 'unreachable', 'connection to the server at'],
    [
      failure('Client has encountered a connection error and is not queryable'),
      'unreachable',
      'closed the connection before answering',
    ],
    [failure('write EPIPE', 'EPIPE'), 'unreachable', 'No database server answered'],
    [failure('The server does not support SSL connections'), 'tls', 'does not accept TLS'],
    [
      failure('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'),
      'tls',
      'not trusted: it is self-signed',
    ],
    [
      failure('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'),
      'tls',
      'authority this computer does not trust',
    ],
    [
      failure('unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
      'tls',
      'authority this computer does not trust',
    ],
    [failure('certificate has expired', 'CERT_HAS_EXPIRED'), 'tls', 'it has expired'],
    [
      failure("Hostname/IP does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID'),
      'tls',
      'made for a different server name',
    ],
    [
      failure('permission denied for table verifydesk_schema', '42501'),
      'problem',
      '"permission denied for table verifydesk_schema" (code 42501)',
    ],
    [failure('something odd'), 'problem', 'unexpected problem'],
  ])('%s -> %s', (error, outcome, words) => {
    const found = connectionProblem(error, target);
    expect(found.outcome).toBe(outcome);
    expect(found.message).toContain(words);
  });

  it('never shows the stack, only the first line of what the server said', () => {
    const error = failure('permission denied for schema public\nDETAIL: secret internals', '42501');
    const { message } = connectionProblem(error, target);
    expect(message).not.toContain('DETAIL');
    expect(message).not.toContain(error.stack!.split('\n')[1]!.trim());
    expect(message).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('a non-error thrown value is the plain unexpected-problem sentence', () => {
    expect(connectionProblem('boom', target).outcome).toBe('problem');
    expect(connectionProblem(null, target).message).toContain('db.office.lan:5433');
  });
});
