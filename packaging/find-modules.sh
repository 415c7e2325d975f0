#!/usr/bin/env bash
# Prints the JDK modules the app jar and its libraries use, for jlink-config/modules.txt.
# Run after `mvn -B -Ppackage package` (it reads target/package/input).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
for jar in "$root"/target/package/input/*.jar; do
  # Jars that need JavaFX to be analysed print nothing; JavaFX modules are listed by hand.
  { jdeps --multi-release 17 --print-module-deps --ignore-missing-deps "$jar" 2>/dev/null || true; } | tail -1
done | tr ',' '\n' | grep -v '^$' | sort -u
