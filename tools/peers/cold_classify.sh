#!/bin/bash
# Cold-start comparison of vinfer runtime images: ROUNDS rounds, each running every image once,
# alternating so that a change in the machine's load hits all of them alike. Prints, per image,
# the wall seconds and peak RSS (KB) of each cold `vinfer classify` (GNU time's %e and %M); a run
# that fails shows as FAILED with its exit status, and its stderr is kept in a log.
#
#   tools/peers/cold_classify.sh 8 /tmp/image-before cli/target/vinfer-image -- \
#       --model benchmarks/target/peers/seed_a100_224.safetensors ../shared/images/original/hot_dog.jpg
#
# Copy an image aside (cp -r cli/target/vinfer-image /tmp/image-before) before rebuilding.
set -uo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 ROUNDS IMAGE... -- CLASSIFY_ARGS..." >&2
  exit 2
fi
rounds=$1; shift
images=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do images+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in $(seq "$rounds"); do
  for i in "${!images[@]}"; do
    if /usr/bin/time -f "%e %M" -o "$work/time" "${images[$i]}/bin/vinfer" classify "$@" > /dev/null 2> "$work/stderr"; then
      read -r wall rss < "$work/time"
    else
      status=$?
      wall="FAILED($status)"; rss="-"
      cat "$work/stderr" >> "$work/failures"
    fi
    echo "$wall" >> "$work/wall.$i"
    echo "$rss" >> "$work/rss.$i"
  done
done
for i in "${!images[@]}"; do
  echo "${images[$i]}"
  echo "  wall s: $(tr '\n' ' ' < "$work/wall.$i")"
  echo "  peak RSS KB: $(tr '\n' ' ' < "$work/rss.$i")"
done
if [ -s "$work/failures" ]; then
  log=$(mktemp "${TMPDIR:-/tmp}/cold_classify.XXXXXX")
  cp "$work/failures" "$log"
  echo "stderr of the failed runs: $log" >&2
fi
