#!/usr/bin/env bash
# Runs the whole Brief Audio system on this machine with embedded defaults: the local PostgreSQL
# (database "briefaudio"), filesystem audio storage and eSpeak NG voices. One api-service and one
# tts-worker; Ctrl-C stops both. Environment variables override the defaults, e.g.
#   API_PORT=8080 WORKER_COUNT=2 BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT=/srv/audio tools/run-local.sh
set -euo pipefail
cd "$(dirname "$0")/.."

API_PORT=${API_PORT:-8080}
WORKER_COUNT=${WORKER_COUNT:-1}
DATABASE=${BRIEFAUDIO_DATABASE:-briefaudio}
export QUARKUS_DATASOURCE_JDBC_URL=${QUARKUS_DATASOURCE_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/$DATABASE}
export QUARKUS_DATASOURCE_USERNAME=${QUARKUS_DATASOURCE_USERNAME:-postgres}
export BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT=${BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT:-$PWD/data/audio}
# On this machine only: no API keys, and the API listens on loopback (it refuses to start with auth off on
# another address). BRIEFAUDIO_AUTH_ENABLED=true turns keys on (docs/api.md, keys and tenants).
export BRIEFAUDIO_AUTH_ENABLED=${BRIEFAUDIO_AUTH_ENABLED:-false}
export QUARKUS_HTTP_HOST=${QUARKUS_HTTP_HOST:-127.0.0.1}
# The workers' management ports (health and metrics, 9001 and up) stay on loopback too.
export QUARKUS_MANAGEMENT_HOST=${QUARKUS_MANAGEMENT_HOST:-127.0.0.1}
LOGS=${LOGS:-$PWD/data/logs}

log() { printf '[run-local] %s\n' "$*"; }

tools/ensure-services.sh ffmpeg
if ! psql -h 127.0.0.1 -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1; then
  log "creating database $DATABASE"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DATABASE"
fi

api_jar=api-service/target/quarkus-app/quarkus-run.jar
worker_jar=tts-worker/target/quarkus-app/quarkus-run.jar
newest_source=$(find pom.xml shared-model api-service tts-worker -path '*/target' -prune -o -type f -newer "$worker_jar" -print 2>/dev/null | head -n 1 || true)
if [ ! -f "$api_jar" ] || [ ! -f "$worker_jar" ] || [ -n "$newest_source" ]; then
  log "building (./mvnw package -DskipTests)"
  ./mvnw -B -q -ntp package -DskipTests
fi

mkdir -p "$LOGS" "$BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT"
pids=()
stop() {
  trap - EXIT INT TERM
  log "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop EXIT INT TERM

QUARKUS_HTTP_PORT=$API_PORT java -jar "$api_jar" >"$LOGS/api.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$API_PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { log "api-service failed to start; see $LOGS/api.log"; tail -n 20 "$LOGS/api.log"; exit 1; }
  sleep 0.5
done

for n in $(seq 1 "$WORKER_COUNT"); do
  QUARKUS_HTTP_PORT=0 QUARKUS_MANAGEMENT_PORT=$((9000 + n)) BRIEFAUDIO_WORKER_ID="local-worker-$n" \
    java -jar "$worker_jar" >"$LOGS/worker-$n.log" 2>&1 &
  pids+=($!)
done

log "Brief Audio is running: http://localhost:$API_PORT/"
log "API docs: http://localhost:$API_PORT/q/swagger-ui  logs: $LOGS  audio: $BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT"
log "worker metrics: http://127.0.0.1:9001/q/metrics  (Ctrl-C stops everything)"
wait -n "${pids[@]}"
log "a process exited; see $LOGS"
