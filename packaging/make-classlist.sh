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
java="$app/../runtime/bin/java"
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# Starts the app with ARGS..., writing the classes it loads to CLASSLIST (unless "-"), waits until
# its log shows PATTERN, lets it settle SETTLE seconds, stops it.
run_until() {
  local classlist=$1 pattern=$2 settle=$3; shift 3
  local dump=()
  [[ $classlist != - ]] && dump=(-XX:DumpLoadedClassList="$classlist")
  "$java" -Xshare:off "${dump[@]}" "${options[@]}" -cp "$classpath" dev.pipelog.Main "$@" >"$work/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    grep -qE "$pattern" "$work/log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
    sleep 0.1
  done
  grep -qE "$pattern" "$work/log" || { echo "make-classlist: no '$pattern' within 120 s" >&2; exit 1; }
  sleep "$settle"
  kill -TERM "$pid"
  wait "$pid" || true
  pid=
}

# A first start (empty store: the welcome page) and a usual one (records stored: the Explore view).
run_until "$work/empty.classlist" 'first frame' 3 --port 0 --data-dir "$work/empty"
run_until - 'loaded [0-9]+ demo records' 0 --headless --demo --port 0 --data-dir "$work/filled"
run_until "$work/filled.classlist" 'first frame' 3 --port 0 --data-dir "$work/filled"
awk '!seen[$0]++' "$work/empty.classlist" "$work/filled.classlist" >"$root/packaging/linux/pipelog.classlist"
echo "make-classlist: $(grep -vc '^#' "$root/packaging/linux/pipelog.classlist") classes in packaging/linux/pipelog.classlist"
