#!/usr/bin/env bash
# The test command (README, .ci/run): builds everything, runs every module's tests, the SIMD kernel
# tests again at forced 128- and 256-bit vector widths, and the jlink image in a scrubbed environment;
# installs the artifacts (mvn install: CI's ~/.m2, or -Dmaven.repo.local=DIR), then builds
# examples/embedding, a separate project that uses them through their coordinates as a user would,
# and checks that it classifies a photo.
# Arguments go to the main build; a -Dmaven.repo.local=DIR among them is used by the example too.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jlink" ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
mvn -B -ntp install "$@"

repo=()
for arg in "$@"; do
  case $arg in -Dmaven.repo.local=*) repo=("$arg") ;; esac
done
shared=${VINFER_SHARED_DIR:-../shared}
model="$shared/models/mobilenet_v1_0.75_224_keras_tfjs"
photo="$shared/images/original/bird.png"
for needed in "$model" "$photo"; do
  [ -e "$needed" ] || { echo "test.sh: examples/embedding: shared test data missing: $needed" >&2; exit 1; }
done
mvn -B -ntp -f examples/embedding/pom.xml "${repo[@]}" package
out=$(examples/embedding/run.sh "$model" "$photo")
echo "$out"
# ../shared/images/README.md: bird.png is a chickadee (Keras index 19), 0.986 with the 0.75 model.
echo "$out" | head -1 | grep -q 'chickadee (19)$' \
  || { echo "test.sh: examples/embedding did not classify bird.png as chickadee (19)" >&2; exit 1; }
echo "test.sh: examples/embedding classified bird.png as chickadee"
