#!/usr/bin/env bash
# The test command (README, .ci/run): builds everything, runs every module's tests, the SIMD kernel
# tests again at forced 128- and 256-bit vector widths, and the jlink image in a scrubbed environment.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jlink" ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
mvn -B -ntp verify "$@"
