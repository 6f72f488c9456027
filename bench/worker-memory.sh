#!/usr/bin/env bash
# Peak resident memory of the packaged tts-worker (eSpeak NG, MP3, JVM defaults as tools/run-local.sh starts it)
# while it narrates and assembles episodes. One scenario or both:
#   bench/worker-memory.sh [episode|corpus|all]     PostgreSQL on PGPORT (default 5432); JAVA_OPTS passed on
# episode: one job of 30 items × 4,900 characters of news prose (≈ 145 minutes of speech), then its episode;
#          a 1-item job is queued as soon as the episode is claimed, and its wait is reported (the episode lane).
# corpus:  the largest inputs the bad-input corpus gets accepted, as one job: 5,000 × "x", 5,000 digits,
#          5,000 characters of mixed scripts and emoji, and 100 one-letter items; then its episode.
# Creates the database briefaudio_memory_bench; RSS is sampled every 0.5 s, the peak is the kernel's VmHWM.
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:-all}
PORT=${PGPORT:-5432}
DB=briefaudio_memory_bench
APP=tts-worker/target/quarkus-app
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB" -Atq -v ON_ERROR_STOP=1)
[ -f "$APP/quarkus-run.jar" ] || ./mvnw -B -q -ntp -o -pl tts-worker -am package -DskipTests
psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
WORK=$(mktemp -d)
WORKER=
cleanup() { [ -n "$WORKER" ] && kill "$WORKER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_HTTP_PORT=0 QUARKUS_MANAGEMENT_PORT=0 BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT=$WORK/audio \
    BRIEFAUDIO_TTS_ENGINE=espeak QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_FLYWAY_VALIDATE_AT_START=false
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$APP/quarkus-run.jar" > "$WORK/worker.log" 2>&1 &
WORKER=$!
until grep -q "started in" "$WORK/worker.log" 2>/dev/null; do
  kill -0 "$WORKER" 2>/dev/null || { tail -20 "$WORK/worker.log"; exit 1; }
  sleep 0.2
done

rss_mb() { awk -v k="$1" '$1 == k":" {printf "%.0f", $2 / 1024}' "/proc/$WORKER/status"; }

# queue_job TITLE FORMAT ITEM_TEXT... : a brief and its queued job, as the api-service writes them; prints the job id.
queue_job() {
  local title=$1 format=$2; shift 2
  /usr/bin/python3 - "$title" "$format" "$@" <<'PY' | "${PSQL[@]}"
import sys
def q(s): return "'" + s.replace("'", "''") + "'"
title, fmt, texts = sys.argv[1], sys.argv[2], sys.argv[3:]
print("BEGIN;")
print("CREATE TEMP TABLE b AS WITH x AS (INSERT INTO brief (title) VALUES (%s) RETURNING id) SELECT id FROM x;" % q(title))
for i, t in enumerate(texts, 1):
    print("INSERT INTO brief_item (brief_id, position, body) SELECT id, %d, %s FROM b;" % (i, q(t)))
print("CREATE TEMP TABLE j AS WITH x AS (INSERT INTO audio_job (brief_id, voice_id, total_items, format) "
      "SELECT id, 'professional', %d, %s FROM b RETURNING id) SELECT id FROM x;" % (len(texts), q(fmt)))
print("INSERT INTO audio_job_item (job_id, brief_item_id, position) SELECT j.id, bi.id, bi.position "
      "FROM j, b JOIN brief_item bi ON bi.brief_id = b.id;")
print("SELECT pg_notify('audio_job_items_queued', id::text) FROM j;")
print("SELECT id FROM j;")
print("COMMIT;")
PY
}

# run NAME JOB: samples RSS until the job's episode settles; reports the peaks before and during the episode.
run() {
  local name=$1 job=$2 items_peak=0 episode_peak=0 state rss probe= started=$SECONDS claimed_at=
  while :; do
    state=$("${PSQL[@]}" -c "SELECT coalesce((SELECT state FROM audio_episode WHERE job_id = $job), 'none')")
    rss=$(rss_mb VmRSS)
    if [ "$state" = none ] || [ "$state" = queued ]; then
      [ "$rss" -gt "$items_peak" ] && items_peak=$rss
    else
      [ "$rss" -gt "$episode_peak" ] && episode_peak=$rss
      if [ -z "$claimed_at" ]; then
        claimed_at=$SECONDS
        if [ "$name" = episode ]; then probe=$(queue_job "Probe" mp3 "One short item queued while the episode is assembled." | tail -1); fi
      fi
    fi
    [ "$state" = completed ] || [ "$state" = failed ] && break
    [ $((SECONDS - started)) -gt 3600 ] && { echo "$name: gave up after an hour (episode $state)"; exit 1; }
    sleep 0.5
  done
  echo "$name: items narrated in $((claimed_at - started)) s, RSS peak $items_peak MiB;" \
       "episode $state in $((SECONDS - claimed_at)) s, RSS peak $episode_peak MiB; VmHWM $(rss_mb VmHWM) MiB"
  "${PSQL[@]}" -c "SELECT '  episode: ' || round(duration_ms / 60000.0, 1) || ' min, ' || coalesce(last_error, 'ok') FROM audio_episode WHERE job_id = $job"
  if [ -n "$probe" ]; then
    "${PSQL[@]}" -c "SELECT '  1-item job queued during the episode: ' || status || ' after ' || round(extract(epoch FROM completed_at - created_at)::numeric, 1) || ' s, ' || round(extract(epoch FROM e.finished_at - completed_at)::numeric) || ' s before the episode was done' FROM audio_job, audio_episode e WHERE audio_job.id = $probe AND e.job_id = $job"
  fi
}

if [ "$SCENARIO" = episode ] || [ "$SCENARIO" = all ]; then
  ITEM=$(/usr/bin/python3 - <<'PY'
s = ("Markets in Europe opened higher on Tuesday after a week of losses, led by banks and carmakers. "
     "The central bank said it would hold interest rates steady until the spring, citing slower inflation. "
     "Meanwhile, heavy rain closed several roads in the north, and officials urged drivers to stay at home. "
     "In sport, the home side won its third match in a row, with two goals in the final ten minutes. ")
t = (s * 20)[:4900]
print(t[:t.rfind(" ")])
PY
)
  items=(); for _ in $(seq 1 30); do items+=("$ITEM"); done
  run episode "$(queue_job "Long brief" mp3 "${items[@]}" | tail -1)"
fi
if [ "$SCENARIO" = corpus ] || [ "$SCENARIO" = all ]; then
  MIXED=$(/usr/bin/python3 -c 'print(("Grüße, 東京 مرحبا Ünïcödé 😀👍🏽 e\u0301 ‏שלום‎ — " * 200)[:5000])')
  items=("$(printf 'x%.0s' $(seq 1 5000))" "$(printf '1234567890%.0s' $(seq 1 500))" "$MIXED")
  for _ in $(seq 1 100); do items+=("x"); done
  run corpus "$(queue_job "Corpus" mp3 "${items[@]}" | tail -1)"
fi
echo "worker VmHWM (whole run): $(rss_mb VmHWM) MiB; JAVA_OPTS='${JAVA_OPTS:-}'"
