#!/usr/bin/env bash
# Prints a new operator API key (tenant "default", scopes read, generate and admin) stored in the database
# the api-service uses. Run it once the api-service has started at least once (it creates the tables).
#   tools/new-api-key.sh [name]        e.g. tools/new-api-key.sh "ops laptop"
# Connection: the usual libpq variables, PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGDATABASE
# (briefaudio), PGPASSWORD. The key is shown once; only its SHA-256 is stored.
set -euo pipefail

NAME=${1:-operator}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-briefaudio}

if ! psql -Atqc "SELECT 1 FROM information_schema.tables WHERE table_name = 'api_key'" | grep -q 1; then
  echo "new-api-key: no api_key table in $PGDATABASE on $PGHOST:$PGPORT; start the api-service once first" >&2
  exit 1
fi
id=$(psql -Atqc "SELECT nextval(pg_get_serial_sequence('api_key', 'id'))")
# 256 random bits, URL-safe Base64 without padding, like the keys the API creates.
secret=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
key="ba_${id}_${secret}"
psql -qv ON_ERROR_STOP=1 -v id="$id" -v key="$key" -v name="$NAME" >/dev/null <<'SQL'
INSERT INTO api_key (id, tenant_id, name, key_hash, scopes, operator)
VALUES (:id, 1, :'name', sha256(convert_to(:'key', 'UTF8')), ARRAY['read', 'generate', 'admin'], true);
SQL
echo "$key"
