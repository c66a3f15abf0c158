#!/bin/bash
# Cold-start comparison of vinfer runtime images: ROUNDS rounds, each running every image once,
# alternating so that a change in the machine's load hits all of them alike. Prints, per image,
# the wall seconds and peak RSS (KB) of each cold `vinfer classify` (GNU time's %e and %M).
#
#   tools/peers/cold_classify.sh 8 /tmp/image-before cli/target/vinfer-image -- \
#       --model benchmarks/target/peers/seed_a100_224.safetensors ../shared/images/original/hot_dog.jpg
#
# Copy an image aside (cp -r cli/target/vinfer-image /tmp/image-before) before rebuilding.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 ROUNDS IMAGE... -- CLASSIFY_ARGS..." >&2
  exit 2
fi
rounds=$1; shift
images=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do images+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for _ in $(seq "$rounds"); do
  for image in "${images[@]}"; do
    /usr/bin/time -f "%e %M" -o "$times" "$image/bin/vinfer" classify "$@" > /dev/null 2>&1
    echo "$image $(cat "$times")"
  done
done | awk '{wall[$1] = wall[$1] " " $2; rss[$1] = rss[$1] " " $3}
            END {for (i in wall) print i "\n  wall s:" wall[i] "\n  peak RSS KB:" rss[i]}'
