#!/usr/bin/env bash
# Runs the example on the module path, as its README shows: run.sh MODEL PHOTO (after mvn package).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" --add-modules jdk.incubator.vector \
  --module-path "$here/target/embedding-1.0.0.jar:$here/target/lib" \
  -m dev.vinfer.example.embedding/dev.vinfer.example.embedding.ClassifyPhoto "$@"
