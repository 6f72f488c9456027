#!/usr/bin/env bash
# Runs every test of Brief Audio: the XTTS and Kokoro exporters' Python tests, then unit, API, worker, and the
# packaged-worker integration tests. Installs or starts what the tests need first (PostgreSQL, espeak-ng,
# kubectl, which renders the Kubernetes overlays for the deploy module's tests, ffmpeg, which decodes
# compressed voice clips, Debian's PyTorch for the exporter, and the official OpenAI SDKs for Node and Python).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/ensure-services.sh chromium kubectl python-torch ffmpeg openai-sdks podcast-parser

# The exporter's tests run with Debian's interpreter (the python3 on PATH may lack torch); they include the
# check that the committed fixtures are what make_fixtures.py writes. Then a random checkpoint in Coqui's
# layout is exported the way users export theirs, for XttsFreshExportTest in tts-worker.
fresh=$(mktemp -d "${TMPDIR:-/tmp}/briefaudio-xtts.XXXXXX")
trap 'rm -rf "$fresh"' EXIT
(
  cd tools/xtts-export
  /usr/bin/python3 -m unittest discover -s tests -t .
  /usr/bin/python3 -m xtts_export.random_checkpoint --fine-tuned --out "$fresh/checkpoint"
  /usr/bin/python3 -m xtts_export --checkpoint-dir "$fresh/checkpoint" --accept-cpml --out "$fresh/model"
)
export BRIEFAUDIO_XTTS_FRESH_EXPORT="$fresh/model"
# The Kokoro exporter's tests, with the same interpreter (they include exporting a random checkpoint folder through
# the command line and the check that the committed kokoro-tiny fixtures are what make_fixtures.py writes).
(
  cd tools/kokoro-export
  /usr/bin/python3 -m unittest discover -s tests -t .
)
# -Pfaults: the fault suites with real processes (e2e/src/test/java/io/briefaudio/e2e/faults, a few minutes).
./mvnw -B -ntp verify -Pfaults "$@"
