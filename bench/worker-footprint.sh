#!/usr/bin/env bash
# Start time, CPU time to start and resident memory of the packaged tts-worker (eSpeak NG engine, idle).
#   bench/worker-footprint.sh [runs]      builds tts-worker if needed; PostgreSQL on PGPORT (default 5432)
# Creates the database briefaudio_footprint (migrated by a first start) and starts the worker `runs` times
# (default 5); RSS is read 5 s after "started". CPU time is steadier than wall time on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
PORT=${PGPORT:-5432}
APP=tts-worker/target/quarkus-app
[ -f "$APP/quarkus-run.jar" ] || ./mvnw -B -q -ntp -pl tts-worker -am package -DskipTests
psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "DROP DATABASE IF EXISTS briefaudio_footprint" -c "CREATE DATABASE briefaudio_footprint"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/briefaudio_footprint QUARKUS_HTTP_PORT=0 \
    QUARKUS_MANAGEMENT_PORT=0 BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT=$WORK/audio BRIEFAUDIO_TTS_ENGINE=espeak
QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_FLYWAY_VALIDATE_AT_START=false BRIEFAUDIO_WORKER_ENABLED=false \
    timeout 60 java -jar "$APP/quarkus-run.jar" > "$WORK/migrate.log" 2>&1 &
MIGRATOR=$!
until grep -q "started in" "$WORK/migrate.log" 2>/dev/null; do sleep 0.2; done
kill "$MIGRATOR"; wait "$MIGRATOR" 2>/dev/null || true
TCK=$(getconf CLK_TCK)
for i in $(seq 1 "$RUNS"); do
  java -Xmx512m -jar "$APP/quarkus-run.jar" > "$WORK/run.log" 2>&1 &
  PID=$!
  until grep -q "started in" "$WORK/run.log" 2>/dev/null; do sleep 0.05; done
  CPU=$(awk -v t="$TCK" '{printf "%.2f", ($14 + $15) / t}' "/proc/$PID/stat")
  sleep 5
  RSS=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status")
  echo "run $i: $(grep -o 'started in [0-9.]*s' "$WORK/run.log"), CPU to start ${CPU}s, RSS ${RSS} MiB," \
       "ORM: $(grep -q hibernate-orm "$WORK/run.log" && echo yes || echo no)"
  kill "$PID"; wait "$PID" 2>/dev/null || true
done
