#!/usr/bin/env bash
# Regenerates linux/pipelog.classlist: the classes the packaged app loads until its window shows its
# first frame (plus a few seconds of settling), for the class-data archive that
# linux/create-cds-archive.sh makes at install time. Run after `mvn -B -Ppackage package` when the
# dependencies or the window's start change much; a stale list only makes start-up a little slower.
# Needs a display: uses $DISPLAY, or xvfb-run when there is none.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app="$root/target/package/image/pipelog/lib/app"
[[ -f $app/pipelog.cfg ]] || { echo "make-classlist: build the app image first (mvn -B -Ppackage package)" >&2; exit 1; }
if [[ -z ${DISPLAY:-} ]]; then exec xvfb-run -a -s '-screen 0 1440x900x24' "$0" "$@"; fi

classpath=$(sed -n 's|^app\.classpath=\$APPDIR|'"$app"'|p' "$app/pipelog.cfg" | paste -sd: -)
mapfile -t options < <(sed -n 's|^java-options=||p' "$app/pipelog.cfg" | sed "s|\\\$APPDIR|$app|g" | grep -v SharedArchiveFile)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$app/../runtime/bin/java" -Xshare:off -XX:DumpLoadedClassList="$work/classlist" "${options[@]}" \
  -cp "$classpath" dev.pipelog.Main --port 0 --data-dir "$work/store" >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q 'first frame' "$work/log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
  sleep 0.1
done
grep -q 'first frame' "$work/log" || { echo "make-classlist: no first frame within 60 s" >&2; kill "$pid"; exit 1; }
sleep 3
kill -TERM "$pid"
wait "$pid" || true
cp "$work/classlist" "$root/packaging/linux/pipelog.classlist"
echo "make-classlist: $(grep -vc '^#' "$root/packaging/linux/pipelog.classlist") classes in packaging/linux/pipelog.classlist"
