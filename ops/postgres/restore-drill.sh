#!/usr/bin/env bash
# VerifyDesk office database: the restore drill. Run it once a month (and after any change to the server):
# a backup nobody has restored is a hope, not a backup.
#
# What it does, in order:
#   1. takes a backup of the office database with pg_dump (custom format), at one moment: desks may keep
#      working while it runs;
#   2. restores that backup into a new scratch database (on the same server, or on another one with
#      --target-host), with pg_restore;
#   3. compares every table of the restored copy with the office database as it was at the moment of the
#      backup: the number of rows, and a checksum of the rows themselves;
#   4. checks the restored audit trail: every entry links to the one before it, with none missing, and it
#      ends at the last entry the server recorded. (Each entry is also signed with the office's audit key,
#      which only VerifyDesk holds: Settings, Audit trail checks the signatures. A copy identical to the
#      office's, as step 3 shows, carries the same signatures.)
#   5. prints ONE line: "RESTORE DRILL OK: ..." (exit 0) or "RESTORE DRILL FAILED: ..." (exit 1), and
#      drops the scratch database.
#
# Run it on the database server as PostgreSQL's superuser, so it can read every table and create the
# scratch database:
#
#   sudo -u postgres ops/postgres/restore-drill.sh verifydesk
#
# From another computer, set the usual PostgreSQL variables first (the password in ~/.pgpass, never on the
# command line), for example:
#
#   PGHOST=db.office.lan PGUSER=postgres PGSSLMODE=verify-full PGSSLROOTCERT=office-ca.crt \
#     ops/postgres/restore-drill.sh verifydesk
#
# Options:
#   --target-host HOST, --target-port PORT, --target-user USER
#                     restore onto another server (a spare, or the one you would restore to after a
#                     disaster); by default the same server.
#   --keep-scratch    leave the restored copy for a closer look (its name is printed; drop it afterwards).
#   --keep-dump FILE  keep the backup file the drill made (otherwise it is deleted at the end).
#
# The comparison alone, between two databases that exist (the office's and a copy):
#
#   ops/postgres/restore-drill.sh --compare verifydesk verifydesk_copy
#
# Needs psql, pg_dump, pg_restore, createdb and dropdb of PostgreSQL 15 or later.
set -euo pipefail
# Sorting and joining the table lists byte by byte, whatever the computer's language.
export LC_ALL=C

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

target_host=${PGHOST:-}
target_port=${PGPORT:-}
target_user=${PGUSER:-}
keep_scratch=no
keep_dump=
compare_only=no
while [ $# -gt 0 ]; do
  case "$1" in
    --target-host) target_host=${2:?--target-host needs a host}; shift 2 ;;
    --target-port) target_port=${2:?--target-port needs a port}; shift 2 ;;
    --target-user) target_user=${2:?--target-user needs a user}; shift 2 ;;
    --keep-scratch) keep_scratch=yes; shift ;;
    --keep-dump) keep_dump=${2:?--keep-dump needs a file}; shift 2 ;;
    --compare) compare_only=yes; shift ;;
    -h | --help) usage ;;
    -*) echo "Unknown option $1" >&2; usage ;;
    *) break ;;
  esac
done

fail() {
  echo "RESTORE DRILL FAILED: $*"
  exit 1
}

# psql for reading: no ~/.psqlrc, stop at the first error, bare tab-separated values.
q() { psql -X -q -At -F $'\t' -v ON_ERROR_STOP=1 "$@"; }
# The same commands against the target server (in a subshell, so the settings stay there).
on_target() (
  if [ -n "$target_host" ]; then export PGHOST=$target_host; fi
  if [ -n "$target_port" ]; then export PGPORT=$target_port; fi
  if [ -n "$target_user" ]; then export PGUSER=$target_user; fi
  "$@"
)

# Every table of the database: its name, its number of rows, and a checksum of its rows (an md5 of each
# row, sorted, then an md5 of those: the same rows in any order give the same checksum). $2, when given,
# is a snapshot: the counts are taken as the backup saw the database.
table_stats() {
  local database=$1 snapshot=${2:-}
  {
    echo 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;'
    [ -n "$snapshot" ] && echo "SET TRANSACTION SNAPSHOT '$snapshot';"
    cat <<'SQL'
SELECT format(
  'SELECT %L, count(*), md5(coalesce(string_agg(md5(t::text), '''' ORDER BY md5(t::text) COLLATE "C"), '''')) FROM %I.%I t',
  table_name, table_schema, table_name)
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name COLLATE "C" \gexec
COMMIT;
SQL
  } | q -d "$database"
}

# The audit trail of a database, checked link by link in SQL: entries numbered 1, 2, 3... with none
# missing, each naming the one before it (the first names 64 zeros), ending at the server's record of
# its last entry (audit_head). Prints "ok ENTRIES" or the problem.
audit_trail_problem() {
  local database=$1 result entries first_bad last_id head_id head_matches users
  result=$(q -d "$database" <<'SQL'
WITH t AS (
  SELECT id, prev_hash,
         row_number() OVER (ORDER BY id) AS n,
         lag(hash, 1, repeat('0', 64)) OVER (ORDER BY id) AS expected_prev
  FROM audit_log)
SELECT count(*),
       coalesce(min(id) FILTER (WHERE id <> n OR prev_hash <> expected_prev), 0),
       coalesce(max(id), 0),
       coalesce((SELECT id FROM audit_head), 0),
       coalesce((SELECT h.hash = a.hash FROM audit_head h JOIN audit_log a ON a.id = h.id), false),
       (SELECT count(*) FROM users)
FROM t;
SQL
  )
  IFS=$'\t' read -r entries first_bad last_id head_id head_matches users <<<"$result"
  if [ "$entries" -eq 0 ]; then
    [ "$users" -gt 0 ] && { echo "its audit trail is empty: its entries were removed"; return; }
    echo "ok 0"
    return
  fi
  [ "$first_bad" -ne 0 ] &&
    { echo "its audit trail is broken at entry $first_bad: entries before it were removed or inserted"; return; }
  [ "$head_id" -eq 0 ] && { echo "its audit trail has no record of its last entry (audit_head)"; return; }
  [ "$last_id" -lt "$head_id" ] &&
    { echo "its audit trail ends at entry $last_id, but entry $head_id was written: entries were removed from its end"; return; }
  [ "$head_matches" = t ] ||
    { echo "entry $head_id of its audit trail is not the entry that was written there"; return; }
  echo "ok $entries"
}

# Compares the office database's tables (as listed in $1) with the copy's (in $2), then checks the copy's
# audit trail ($3 is the copy's name, on the target server). Prints the verdict; the exit status says it.
compare_and_check() {
  local source_stats=$1 copy_stats=$2 copy=$3 differences tables rows trail
  differences=$(join -t $'\t' -a 1 -a 2 -e missing -o 0,1.2,2.2,1.3,2.3 \
    <(sort -t $'\t' -k1,1 <<<"$source_stats") <(sort -t $'\t' -k1,1 <<<"$copy_stats") |
    awk -F '\t' '$2 != $3 { printf "%s%s (%s rows in the office database, %s in the copy)", sep, $1, $2, $3; sep = "; " }
                 $2 == $3 && $4 != $5 { printf "%s%s (same number of rows, different contents)", sep, $1; sep = "; " }')
  tables=$(grep -c . <<<"$source_stats")
  rows=$(awk -F '\t' '{ n += $2 } END { print n + 0 }' <<<"$source_stats")
  trail=$(on_target audit_trail_problem "$copy") || trail="its audit trail could not be read"
  if [ -n "$differences" ] && [ "${trail%% *}" != ok ]; then
    fail "the copy differs from the office database: $differences; and $trail."
  elif [ -n "$differences" ]; then
    fail "the copy differs from the office database: $differences."
  elif [ "${trail%% *}" != ok ]; then
    fail "the copy matches the office database table by table, but $trail."
  fi
  echo "RESTORE DRILL OK: $tables tables and $rows rows restored, identical to the office database; audit trail of ${trail#ok } entries linked end to end."
}

if [ "$compare_only" = yes ]; then
  [ $# -eq 2 ] || usage
  compare_and_check "$(table_stats "$1")" "$(on_target table_stats "$2")" "$2"
  exit 0
fi

[ $# -eq 1 ] || usage
source_db=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/verifydesk-drill-XXXXXX")
dump=${keep_dump:-$work/office.dump}
scratch="${source_db}_drill_$(date -u +%Y%m%d%H%M%S)_$$"
scratch_made=no
snapshot_pid=
cleanup() {
  [ -n "$snapshot_pid" ] && kill "$snapshot_pid" 2>/dev/null || true
  if [ "$scratch_made" = yes ] && [ "$keep_scratch" = no ]; then
    on_target dropdb --if-exists --force "$scratch" || echo "Could not drop the scratch database $scratch: drop it by hand." >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. One moment of the office database, held open while the backup and the counts are taken: the backup
#    and the counts see exactly the same rows, whatever the desks do meanwhile. A psql session in the
#    background holds it, talking through two named pipes.
mkfifo "$work/to-psql" "$work/from-psql"
q -d "$source_db" <"$work/to-psql" >"$work/from-psql" &
snapshot_pid=$!
exec {to_psql}>"$work/to-psql" {from_psql}<"$work/from-psql"
echo 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();' >&"$to_psql"
read -r -t 60 snapshot <&"$from_psql" || fail "could not open the office database $source_db (see the message above)."
pg_dump --format=custom --snapshot="$snapshot" --file="$dump" "$source_db" ||
  fail "pg_dump could not back up $source_db (see the message above)."
source_stats=$(table_stats "$source_db" "$snapshot")
echo 'COMMIT;' >&"$to_psql"
exec {to_psql}>&- {from_psql}<&-
wait "$snapshot_pid" || true
snapshot_pid=

# 2. Restore into a scratch database nobody uses. --no-owner/--no-acl: the copy belongs to whoever runs
#    the drill, so it restores on a server where the office's roles do not exist.
on_target createdb --template=template0 "$scratch" || fail "could not create the scratch database $scratch."
scratch_made=yes
if [ "$keep_scratch" = yes ]; then
  echo "The restored copy is kept as $scratch: drop it when done (dropdb $scratch)." >&2
fi
on_target pg_restore --exit-on-error --no-owner --no-acl --dbname="$scratch" "$dump" ||
  fail "pg_restore could not restore the backup into $scratch (see the message above)."

# 3-5. Compare, check the trail, say so (and exit 1 when anything differs).
compare_and_check "$source_stats" "$(on_target table_stats "$scratch")" "$scratch"
