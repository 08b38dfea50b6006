#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the test suites (nothing else): `start DIR` makes one
# in DIR (initdb + pg_ctl, as the postgres user when run as root) and prints the URL for
# VERIFYDESK_TEST_PG; `stop DIR` stops it and removes DIR. `down DIR` and `up DIR` stop the server and
# start it again on the same port, keeping its data (the fault test's outage).
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?a folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL's initdb is not installed (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    password=verifydesk-test
    printf '%s\n' "$password" > "$dir/pw"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pw"
    as_owner "$bin/initdb" -D "$dir/data" -U verifydesk_test --pwfile="$dir/pw" -A scram-sha-256 \
      -E UTF8 --locale=C >"$dir/initdb.log"
    rm -f "$dir/pw"
    # Loopback only, no socket in a shared folder; enough connections for the load test's desks. In the
    # configuration file (its owner may read it; root writes it), so `up` starts the same server again.
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 120
CONF
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
    echo "postgres://verifydesk_test:$password@127.0.0.1:$port/postgres"
    ;;
  down)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  up)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop|down|up DIR" >&2
    exit 2
    ;;
esac
