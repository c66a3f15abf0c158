#!/usr/bin/env bash
# Runs the jlink image as a user would: a scrubbed environment with no JAVA_HOME and no JDK on PATH.
# Called by Maven's verify phase (cli/pom.xml); usage: smoke-test.sh IMAGE_DIR REPO_ROOT [SHARED_DIR [ALLOW_MISSING_SHARED]]
set -euo pipefail
image=$1 root=$2 shared=${3:-$2/../shared} allow_missing_shared=${4:-false}
fixtures="$root/model-mobilenet/src/test/resources/fixtures/seed"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() { env -i HOME="$out" PATH=/usr/bin:/bin "$image/bin/vinfer" "$@"; }

run --version
run backends
# picocli in the image (it reads the commands' annotations reflectively): a misspelt option is a usage
# error (exit 2) that suggests the right one, and the completion script is generated.
code=0
run classify --modle x 2> "$out/typo.txt" || code=$?
{ [ "$code" = 2 ] && grep -q "did you mean --model?" "$out/typo.txt"; } \
  || { echo "smoke test: 'classify --modle x' gave exit $code: $(cat "$out/typo.txt")" >&2; exit 1; }
run completion bash > "$out/vinfer.bash"
grep -q "_complete_vinfer" "$out/vinfer.bash" || { echo "smoke test: no bash completion script" >&2; exit 1; }
run predict --model "$fixtures/seed_a025_c10_224_b2.safetensors" \
  --input "$fixtures/seed_a025_c10_224_b2.input_nchw.npy" --layout nchw --output "$out/probs.npy"
[ -s "$out/probs.npy" ] || { echo "smoke test: no output written" >&2; exit 1; }
# bench in the image: the Vector API peak calibration (jdk.incubator.vector) and Jackson for the report.
run bench --width 0.25 --input-size 64 --backend scalar --threads 1 --warmup 1 --iterations 2 --report "$out/bench.json" | tee "$out/bench.txt"
grep -q "GFLOP/s per thread (Vector API" "$out/bench.txt" || { echo "smoke test: bench did not calibrate with the Vector API" >&2; exit 1; }
grep -q '"medianMsPerImage"' "$out/bench.json" || { echo "smoke test: bench wrote no JSON report" >&2; exit 1; }
photo="$shared/images/original/hot_dog.jpg"
model="$shared/models/mobilenet_v1_0.25_224_keras_tfjs"
# Missing shared data fails the smoke test, naming what is missing, unless it is explicitly allowed.
if [ -f "$photo" ] && [ -d "$model" ]; then
  run classify --model "$model" --top 3 "$photo" | tee "$out/classify.txt"
  grep -q hotdog "$out/classify.txt" || { echo "smoke test: hot_dog.jpg not classified as hotdog" >&2; exit 1; }
elif [ "$allow_missing_shared" = true ]; then
  echo "smoke test: SKIPPED classify: shared test data missing ($photo, $model)" >&2
else
  echo "smoke test: shared test data missing: $photo or $model (set -Dvinfer.allowMissingShared=true to skip)" >&2
  exit 1
fi
echo "smoke test: jlink image OK with a scrubbed environment"
