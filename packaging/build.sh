#!/usr/bin/env bash
# Builds Pipelog's own Java runtime (jlink), the app image and the .deb (jpackage).
# Run through Maven: `mvn -B -Ppackage package` (copies the jars into target/package first).
# Usage: packaging/build.sh VERSION [--no-deb]
set -euo pipefail
version=$1
want_deb=true
[[ ${2:-} == --no-deb ]] && want_deb=false

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/package"
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
case "$(uname -m)" in
  x86_64|amd64) arch=amd64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) echo "packaging: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

input="$work/input"
rm -rf "$input" "$work/runtime" "$work/image" "$work/deb"
mkdir -p "$input" "$work/deb"

# The app jar and its libraries; JavaFX goes into the runtime as modules instead.
cp "$root/target/pipelog-$version.jar" "$input/"
for jar in "$work"/libs/*.jar; do
  case "$(basename "$jar")" in
    duckdb_jdbc-*) java "$root/packaging/TrimDuckDbJar.java" "$jar" "$input/$(basename "$jar")" \
                     "linux_$arch" "$input/libduckdb_java.so"
                   if command -v strip >/dev/null; then strip --strip-unneeded "$input/libduckdb_java.so"; fi ;;
    *) cp "$jar" "$input/" ;;
  esac
done

# Maven copies the platform jars in; an older JavaFX left there by a previous build would be linked too.
(( $(ls "$work"/jfx/javafx-graphics-*-linux.jar | wc -l) == 1 )) \
  || { echo "packaging: several JavaFX versions in $work/jfx; run mvn clean first" >&2; exit 1; }
modules=$(grep -v '^#' "$root/jlink-config/modules.txt" | grep -v '^$' | paste -sd, -)
mapfile -t jlink_opts < <(grep -v '^#' "$root/jlink-config/options.txt" | grep -v '^$')
"$jdk/bin/jlink" "${jlink_opts[@]}" \
  --module-path "$(ls "$work"/jfx/*-linux.jar | paste -sd: -)" \
  --add-modules "$modules" \
  --output "$work/runtime"
# JavaFX's native libraries go where JavaFX looks first for a linked runtime (jlink-config/options.txt
# leaves them out of the module image, which would make JavaFX unpack them to ~/.openjfx/cache).
graphics_jar=$(ls "$work"/jfx/javafx-graphics-*-linux.jar)
mapfile -t natives < <("$jdk/bin/jar" tf "$graphics_jar" | grep '\.so$')
(cd "$work/runtime/lib" && "$jdk/bin/jar" xf "$graphics_jar" "${natives[@]}")
# jlink removes debug sections only; the symbol tables left in libjvm.so and friends are 4 MB that
# only a debugger reads.
if command -v strip >/dev/null; then find "$work/runtime" -name '*.so' -exec strip --strip-unneeded {} +; fi

# The class-data archive is made at install time from this list (linux/create-cds-archive.sh): at
# 45 MB it would not fit the image, and it must name the installed jars' paths anyway.
cp "$root/packaging/linux/create-cds-archive.sh" "$input/"
gzip -9c "$root/packaging/linux/pipelog.classlist" >"$input/pipelog.classlist.gz"

mapfile -t common < <(grep -v '^#' "$root/packaging/jpackage-common.args" | grep -v '^$')
"$jdk/bin/jpackage" --type app-image "${common[@]}" \
  --app-version "$version" \
  --input "$input" --main-jar "pipelog-$version.jar" \
  --runtime-image "$work/runtime" \
  --icon "$root/assets/png/pipelog-256.png" \
  --add-launcher pipelog-server="$root/packaging/pipelog-server.properties" \
  --dest "$work/image"
cp "$root/packaging/linux/pipelog.desktop" "$work/image/pipelog/lib/pipelog.desktop"

if $want_deb; then
  mapfile -t deb < <(grep -v '^#' "$root/packaging/jpackage-deb.args" | grep -v '^$')
  "$jdk/bin/jpackage" --type deb "${deb[@]}" \
    --app-version "$version" \
    --app-image "$work/image/pipelog" \
    --resource-dir "$root/packaging/linux" \
    --icon "$root/assets/png/pipelog-256.png" \
    --license-file "$root/LICENSE" \
    --dest "$work/deb"
fi

du -sb "$work/image/pipelog" | awk '{printf "app image: %s %d bytes (%.1f MiB)\n", $2, $1, $1/1048576}'
$want_deb && ls -l "$work"/deb/*.deb | awk '{printf "deb: %s %d bytes (%.1f MiB)\n", $9, $5, $5/1048576}'
exit 0
