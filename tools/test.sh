#!/usr/bin/env bash
# Runs every test of Brief Audio: unit, API, worker, and the packaged-worker integration tests.
# Installs or starts what the tests need first (PostgreSQL, espeak-ng, and kubectl, which renders the
# Kubernetes overlays for the deploy module's tests).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/ensure-services.sh chromium kubectl ffmpeg
exec ./mvnw -B -ntp verify "$@"
