#!/usr/bin/env bash
# Makes sure what Brief Audio needs on this machine is installed and running:
# PostgreSQL on 127.0.0.1:5432 (trust auth for user postgres) and the espeak-ng program; extras on request
# (tools/test.sh and tools/run-local.sh ask for ffmpeg, which the worker needs for every compressed format;
# tools/test.sh also for openai-sdks, the official OpenAI SDKs that e2e runs against /v1).
# Installs missing Debian packages when run as root; otherwise says what to install.
set -euo pipefail

log() { printf '[ensure-services] %s\n' "$*" >&2; }

# Another install may be running (unattended-upgrades, a second checkout's tools/test.sh): wait for its locks,
# up to BRIEFAUDIO_APT_LOCK_WAIT seconds, rather than fail. apt-get waits for the dpkg lock itself
# (DPkg::Lock::Timeout) but not for the package-list or download locks, so a refused lock is retried too.
APT_LOCK_WAIT=${BRIEFAUDIO_APT_LOCK_WAIT:-600}

apt_get() {
  local deadline=$((SECONDS + APT_LOCK_WAIT)) errors
  errors=$(mktemp)
  until DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" 2>"$errors"; do
    if grep -q 'Could not get lock' "$errors" && [ "$SECONDS" -lt "$deadline" ]; then
      log "another apt-get or dpkg holds its lock; waiting"
      sleep 5
    else
      cat "$errors" >&2
      rm -f "$errors"
      return 1
    fi
  done
  cat "$errors" >&2
  rm -f "$errors"
}

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    log "missing: $* — install it with: sudo apt-get install -y $*"
    exit 1
  fi
  if [ -z "${BRIEFAUDIO_APT_UPDATED:-}" ]; then
    apt_get update -qq
    export BRIEFAUDIO_APT_UPDATED=1
  fi
  log "installing $*"
  apt_get install -y -qq "$@" >/dev/null
}

OPENAI_SDKS=${BRIEFAUDIO_OPENAI_SDKS:-$HOME/.cache/briefaudio/openai-sdks}
OPENAI_NODE_SDK_VERSION=6.49.0
OPENAI_PYTHON_SDK_VERSION=3.22.1

ensure_openai_sdks() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  local node_dir="$OPENAI_SDKS/node" python_dir="$OPENAI_SDKS/python"
  if ! grep -qs "\"version\": \"$OPENAI_NODE_SDK_VERSION\"" "$node_dir/node_modules/openai/package.json"; then
    log "installing the OpenAI Node SDK $OPENAI_NODE_SDK_VERSION into $node_dir"
    mkdir -p "$node_dir"
    npm install --prefix "$node_dir" --prefer-offline --no-audit --no-fund --no-save --loglevel=error \
      "openai@$OPENAI_NODE_SDK_VERSION" >&2
  fi
  if ! "$python_dir/bin/python" -c "import openai, sys; sys.exit(openai.__version__ != '$OPENAI_PYTHON_SDK_VERSION')" \
      >/dev/null 2>&1; then
    log "installing the OpenAI Python SDK $OPENAI_PYTHON_SDK_VERSION into $python_dir"
    rm -rf "$python_dir"
    # Debian's python3 makes venvs only with python3-venv; a python3 of pyenv's has the module built in.
    python3 -m venv "$python_dir" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$python_dir"; }
    "$python_dir/bin/pip" install -q "openai==$OPENAI_PYTHON_SDK_VERSION" >&2
  fi
}

PODCAST_PARSER=${BRIEFAUDIO_PODCAST_PARSER:-$HOME/.cache/briefaudio/podcast-parser}
PODCAST_PARTYTIME_VERSION=5.0.0

ensure_podcast_parser() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  if ! grep -qs "\"version\": \"$PODCAST_PARTYTIME_VERSION\"" "$PODCAST_PARSER/node_modules/podcast-partytime/package.json"; then
    log "installing podcast-partytime $PODCAST_PARTYTIME_VERSION into $PODCAST_PARSER"
    mkdir -p "$PODCAST_PARSER"
    npm install --prefix "$PODCAST_PARSER" --prefer-offline --no-audit --no-fund --no-save --loglevel=error \
      "podcast-partytime@$PODCAST_PARTYTIME_VERSION" >&2
  fi
}

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1; then
  apt_install postgresql postgresql-client
fi
if ! pg_ready; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  pg_ready || { log "PostgreSQL did not come up on 127.0.0.1:5432"; exit 1; }
fi
if ! psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
  log "PostgreSQL is up but user postgres cannot log in over TCP without a password."
  log "Set TEST_PG_USER/TEST_PG_PASSWORD (tests) or QUARKUS_DATASOURCE_* (running), or allow trust auth for 127.0.0.1."
  exit 1
fi

if ! command -v espeak-ng >/dev/null 2>&1; then
  apt_install espeak-ng
fi

for extra in "$@"; do
  case "$extra" in
    chromium) command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
                || apt_install chromium chromium-driver ;;
    # Debian ships kubectl in kubernetes-client (1.20); the overlays are written to render with it.
    kubectl) command -v kubectl >/dev/null 2>&1 || apt_install kubernetes-client ;;
    # ffmpeg encodes /v1/audio/speech answers (mp3, opus, aac, flac, pcm) and changes their speed, decodes
    # compressed custom-voice clips (MP3, Ogg/Opus, FLAC, M4A, WebM) and encodes MP3, Opus and AAC jobs and
    # episodes in the worker; its ffprobe checks them in the tests.
    ffmpeg) command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || apt_install ffmpeg ;;
    # PyTorch for tools/xtts-export (Debian's packages; run them with /usr/bin/python3). OpenBLAS makes the
    # PyTorch reference timings meaningful. tools/test.sh needs it for the exporter's tests and the fresh export
    # that the worker's XttsFreshExportTest loads; the other Java tests never do.
    python-torch) /usr/bin/python3 -c 'import torch, onnx, numpy' >/dev/null 2>&1 \
                    || apt_install python3-torch python3-onnx python3-numpy libopenblas0-pthread ;;
    # The official OpenAI SDKs for Node (npm "openai" 6.x) and Python, which e2e's OfficialSdksIT runs against
    # /v1. Installed once into BRIEFAUDIO_OPENAI_SDKS (default ~/.cache/briefaudio/openai-sdks) and reused; npm and
    # pip use their caches (and pip this machine's configured index), so a second install needs no network.
    openai-sdks) ensure_openai_sdks ;;
    # podcast-partytime, Podcast Index's feed parser (what podcast apps use to read podcast:transcript and the rest of
    # the namespace), which api-service's FeedPodcastAppTests runs on our feed. Installed once into
    # BRIEFAUDIO_PODCAST_PARSER (default ~/.cache/briefaudio/podcast-parser) and reused, like the SDKs.
    podcast-parser) ensure_podcast_parser ;;
    *) log "unknown extra: $extra"; exit 2 ;;
  esac
done
log "PostgreSQL and espeak-ng are ready"
