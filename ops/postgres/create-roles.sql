-- VerifyDesk office database: the database and the roles that use it, least privilege.
--
-- Run once, as a PostgreSQL superuser, on the office's server, BEFORE "Create the VerifyDesk database":
--
--   psql -X -v ON_ERROR_STOP=1 \
--     -v dbname=verifydesk \
--     -v owner=verifydesk_owner -v owner_password='a long password for the IT person' \
--     -v desk=verifydesk_desk   -v desk_password='a long password for the desks' \
--     -f ops/postgres/create-roles.sql
--
-- Three roles:
--   owner             owns the database and every VerifyDesk table. Only the IT person signs in with it:
--                     in Settings > Office database to "Create the VerifyDesk database", and to bring the
--                     tables up to a new VerifyDesk version. Never typed in at a desk for daily work. You
--                     may switch it off between upgrades: ALTER ROLE verifydesk_owner NOLOGIN;
--   desk              what every VerifyDesk computer signs in with. It reads and writes rows, and that is
--                     all: it owns nothing, so it cannot ALTER, DROP or TRUNCATE a table or switch off the
--                     triggers that keep the audit trail and the other histories append-only.
--   verifydesk_desks  a group (no sign-in) holding the desks' rights on the tables. VerifyDesk grants
--                     them each time it creates or upgrades the tables (PG_GRANTS in
--                     src/main/db/pg/pgSchema.ts), so a new table is covered without running this again.
--                     The name is fixed because VerifyDesk names it.
--
-- Run again for a second office's database on the same server with another dbname and desk (and the same
-- owner if one IT person looks after both): the group and an existing owner are left as they are, and a
-- desk role may connect only to its own office's database.

\set ON_ERROR_STOP on

-- The group the table rights go to. NOLOGIN: nobody signs in as the group itself.
SELECT 'CREATE ROLE verifydesk_desks NOLOGIN'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'verifydesk_desks') \gexec

-- The owner: may sign in (the IT person runs Create and upgrades from Settings), creates nothing outside
-- its own database, makes no roles.
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L',
              :'owner', :'owner_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec

-- The desks' sign-in: no rights of its own beyond its group's. INHERIT so the group's rights apply.
CREATE ROLE :"desk" LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'desk_password' IN ROLE verifydesk_desks;

CREATE DATABASE :"dbname" OWNER :"owner" ENCODING 'UTF8' TEMPLATE template0;

-- Nobody else may connect or make temporary tables there; the office's desks may connect.
REVOKE ALL ON DATABASE :"dbname" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"dbname" TO :"desk";

\connect :"dbname"

-- The tables live in the schema public. The owner owns it (PostgreSQL 15 already gives it to the database
-- owner; older servers gave it to the superuser and let everyone create tables there). The desks may use
-- it, never create in it.
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO verifydesk_desks;
