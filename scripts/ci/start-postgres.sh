#!/usr/bin/env bash
# Makes sure the local PostgreSQL 15 cluster (Debian's 15/main) is running and has the test role
# and database. Idempotent; run as root (it uses `su postgres` for administration).
#
#   PG_ROLE (kith), PG_PASSWORD (kith), PG_DATABASE (kith_test), PG_PORT (5432)
#
# The role is a SUPERUSER because the test suite drops and recreates the `public` schema on every
# run (tests/global-setup.ts), which drops the pgvector extension with it, and pgvector is not a
# "trusted" extension: only a superuser may CREATE it again. Use it for disposable test databases
# on a local cluster only.
set -euo pipefail
PGVER=${PGVER:-15}
CLUSTER=${PG_CLUSTER:-main}
ROLE=${PG_ROLE:-kith}
PASSWORD=${PG_PASSWORD:-kith}
DATABASE=${PG_DATABASE:-kith_test}
PORT=${PG_PORT:-5432}
BIN=/usr/lib/postgresql/$PGVER/bin

if [ "$(id -u)" != 0 ]; then echo "start-postgres.sh: must run as root" >&2; exit 1; fi
if ! command -v pg_ctlcluster >/dev/null || [ ! -x "$BIN/postgres" ]; then
  echo "start-postgres.sh: PostgreSQL $PGVER is not installed (apt-get install postgresql-$PGVER)" >&2
  exit 1
fi
if ! pg_lsclusters -h | awk -v v="$PGVER" -v c="$CLUSTER" '$1==v && $2==c {found=1} END {exit !found}'; then
  echo "postgres: creating cluster $PGVER/$CLUSTER"
  pg_createcluster "$PGVER" "$CLUSTER" --port "$PORT"
fi

ready() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 2; }

if ! ready; then
  status=$(pg_lsclusters -h | awk -v v="$PGVER" -v c="$CLUSTER" '$1==v && $2==c {print $4}')
  if [ "$status" != "online" ]; then
    echo "postgres: starting cluster $PGVER/$CLUSTER"
    pg_ctlcluster "$PGVER" "$CLUSTER" start || {
      echo "postgres: pg_ctlcluster start failed; last log lines:" >&2
      tail -n 30 "/var/log/postgresql/postgresql-$PGVER-$CLUSTER.log" >&2 || true
      exit 1
    }
  fi
fi
for i in $(seq 1 60); do
  if ready; then break; fi
  if [ "$i" = 60 ]; then
    echo "postgres: not accepting connections on 127.0.0.1:$PORT after 60 s" >&2
    pg_lsclusters >&2 || true
    tail -n 30 "/var/log/postgresql/postgresql-$PGVER-$CLUSTER.log" >&2 || true
    exit 1
  fi
  sleep 1
done
echo "postgres: $("$BIN/pg_isready" -h 127.0.0.1 -p "$PORT")"

# Administration over the local socket as the postgres OS user (peer authentication by default).
psql_admin() { su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $PORT -d postgres $(printf '%q ' "$@")"; }

psql_admin -v role="$ROLE" -v password="$PASSWORD" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') AS missing \gset
\if :missing
  CREATE ROLE :"role" LOGIN SUPERUSER PASSWORD :'password';
\else
  ALTER ROLE :"role" LOGIN SUPERUSER PASSWORD :'password';
\endif
SQL
psql_admin -v role="$ROLE" -v db="$DATABASE" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') AS missing \gset
\if :missing
  CREATE DATABASE :"db" OWNER :"role";
\endif
SQL

# Check what the tests need, through TCP with the password, as the tests will connect.
PGPASSWORD="$PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DATABASE" -At <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vector;
SELECT 'postgres: ' || current_user || '@' || current_database() || ', PostgreSQL ' || current_setting('server_version')
       || ', pgvector ' || extversion || ', [1,2,3] <=> [1,2,4] = ' || round(('[1,2,3]'::vector <=> '[1,2,4]'::vector)::numeric, 4)
  FROM pg_extension WHERE extname = 'vector';
SQL
echo "postgres: ready at postgresql://$ROLE:***@127.0.0.1:$PORT/$DATABASE"
