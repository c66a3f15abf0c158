#!/usr/bin/env bash
# Builds vinfer's self-contained runtime image with jlink: the application modules plus only the JDK
# modules they need, a launcher that passes every JVM option, and start-up caches.
# Called by Maven's package phase (cli/pom.xml); usage: jlink.sh JAVA_HOME MODULES OUT REPO_ROOT
#
# jlink pulls in exactly what the application modules' module-info files require, so the JDK part
# of the image is (see 'bin/java --list-modules'):
#   java.base            everything
#   jdk.incubator.vector the SIMD backend's Vector API (named here: incubator modules are never implied)
#   jdk.management       the SIMD backend asks HotSpot whether C2 is on (+ java.management)
#   java.logging         the CLI routes the engine's System.Logger lines through java.util.logging
#   java.desktop         javax.imageio decodes JPEG/PNG/BMP/GIF (the dev.vinfer.image module)
#   java.xml             required by java.desktop
# Jackson (modular jars) reads model JSON and writes --json output; picocli (info.picocli, modular)
# parses the command line; both require java.sql only statically, so it is left out.
set -euo pipefail
java_home=$1 modules=$2 out=$3 root=$4

app=dev.vinfer.cli,dev.vinfer.core,dev.vinfer.image,dev.vinfer.simd,dev.vinfer.mobilenet,dev.vinfer.onnx
jdk=java.base,jdk.incubator.vector

rm -rf "$out"
"$java_home/bin/jlink" \
  --module-path "$modules" \
  --add-modules "$app,$jdk" \
  --strip-debug --no-header-files --no-man-pages --compress zip-6 \
  --output "$out" 2>&1 | grep -v 'incubator modules' || true

# The launcher passes every JVM option, so users never type --add-modules. The AOT cache (JDK 25,
# JEP 483/515) holds vinfer's own classes loaded, linked and profiled by a training run below: it
# roughly halves a cold 'vinfer classify'. -Xlog:aot/cds=off keep a missing or stale cache silent.
# -Xmn32m: a small young generation. The serial GC's default (about 120 MB here) filled with the
# load's temporary copies of the weights and the first inference's boxed vectors before its first
# collection, all of it resident: a one-photo MobileNet classify peaked at 272 MB, now 199 MB, and
# ran no slower (0.74 vs 0.77 s wall, medians of 8; ResNet-18: 354 vs 323 MB at 48m, same time).
# -XX:+UseTransparentHugePages: the heap in 2 MB pages where the kernel offers them ('madvise' or
# 'always'). A cold classify touches about 200 MB, and each 4 KB page's first touch is a page fault:
# on this project's VMs 45,000 of them, about a fifth of the wall time. With it: 15,000, and a cold
# one-photo classify 1.40 -> 1.13 s (medians of 6, interleaved), RSS +6 MB. Where the kernel has
# them off the flag does nothing; -Xlog:pagesize=off keeps the JVM from saying so on stdout.
launcher="$out/bin/vinfer"
cat > "$launcher" <<'SH'
#!/bin/sh
DIR=$(dirname "$0")
exec "$DIR/java" --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmn32m \
  -XX:+UseTransparentHugePages -Xlog:pagesize=off \
  -XX:AOTCache="$DIR/../lib/vinfer.aot" -Xlog:aot=off -Xlog:cds=off \
  -m dev.vinfer.cli/dev.vinfer.cli.Main "$@"
SH
chmod +x "$launcher"

# Training run for the AOT cache: the paths a user's first commands take (model loading, the
# engine, image decoding), on small inputs shipped in the repository.
fixtures="$root/model-mobilenet/src/test/resources/fixtures/seed"
training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
train() {
  "$out/bin/java" --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmn32m \
    -XX:+UseTransparentHugePages -Xlog:pagesize=off \
    -XX:AOTCacheOutput="$out/lib/vinfer.aot" -Xlog:aot=off -Xlog:cds=off \
    -m dev.vinfer.cli/dev.vinfer.cli.Main "$@" > /dev/null 2>&1
}
# Forty copies of the picture: enough inferences for C2 to compile the hot kernels (the GEMM tile,
# the depthwise spans, the fused depthwise + pointwise step), so the cache holds their profiles
# and a user's first inference gets compiled code sooner (with the CLI's KernelWarmup thread).
if [ -f "$fixtures/seed_a025_c10_224_b2.safetensors" ]; then
  for i in $(seq -w 1 40); do cp "$root/cli/src/aot/training.png" "$training/picture_$i.png"; done
  train classify --model "$fixtures/seed_a025_c10_224_b2.safetensors" "$training" \
    || echo "jlink.sh: AOT training run failed; the image works without the cache" >&2
fi
echo "vinfer image: $out ($(du -sh "$out" | cut -f1)): $("$out/bin/java" --list-modules | sed 's/@.*//' | paste -sd' ' -)"
