// The benches that run against a PostgreSQL server (desks, engines) need the test server's URL.
export const needsTestServer = (): string | null =>
  process.env.VERIFYDESK_TEST_PG
    ? null
    : 'set VERIFYDESK_TEST_PG=postgres://user:password@127.0.0.1:PORT/postgres (.ci/pgCluster.sh start DIR prints one)';
