#!/usr/bin/env bash
# Builds vinfer's self-contained runtime image with jlink: the application modules plus only the JDK
# modules they need. Called by Maven's package phase (cli/pom.xml); usage: jlink.sh JAVA_HOME MODULES OUT
#
# JDK modules in the image, and why:
#   java.base            everything
#   jdk.incubator.vector the SIMD backend's Vector API
#   java.logging         the CLI routes the engine's System.Logger lines through java.util.logging
#   java.desktop         javax.imageio decodes JPEG/PNG/BMP/GIF for 'vinfer classify' (when present)
#   jdk.management       com.sun.management for allocation and CPU figures in 'vinfer bench' (when present)
# Jackson (modular jars) reads model JSON headers.
set -euo pipefail
java_home=$1 modules=$2 out=$3

app=dev.vinfer.cli,dev.vinfer.core,dev.vinfer.simd,dev.vinfer.mobilenet
jdk=java.base,jdk.incubator.vector,java.logging
for optional in java.desktop jdk.management; do
  # Only what the application modules actually read goes in.
  if "$java_home/bin/jdeps" --module-path "$modules" --list-deps "$modules"/*.jar 2>/dev/null | grep -qx "   $optional"; then
    jdk=$jdk,$optional
  fi
done

rm -rf "$out"
"$java_home/bin/jlink" \
  --module-path "$modules" \
  --add-modules "$app,$jdk" \
  --launcher vinfer=dev.vinfer.cli/dev.vinfer.cli.Main \
  --strip-debug --no-header-files --no-man-pages --compress zip-6 \
  --output "$out"

# Bake the JVM options into the launcher so users never type them: the incubator module is resolved,
# and its start-up warning (printed by the JVM on stderr) is the only noise left.
launcher="$out/bin/vinfer"
sed -i 's|^JLINK_VM_OPTIONS=.*|JLINK_VM_OPTIONS="--add-modules jdk.incubator.vector -XX:+UseSerialGC -Xss4m"|' "$launcher"
echo "vinfer image: $out ($(du -sh "$out" | cut -f1))"
