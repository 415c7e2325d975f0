#!/usr/bin/env bash
# Starts the packaged app image's listener launcher (bin/pipelog-server, the same as
# `pipelog --headless` with the listener's own heap) on a free port, posts a record, reads it back
# through the API and stops it. Run after `mvn -B -Ppackage package`; exits non-zero on any failure.
# Usage: packaging/smoke-test.sh [APP_IMAGE_DIR]  (default target/package/image/pipelog)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app="${1:-$root/target/package/image/pipelog}/bin/pipelog"
server="$(dirname "$app")/pipelog-server"
[[ -x $app && -x $server ]] || { echo "smoke: no launchers bin/pipelog and bin/pipelog-server in ${1:-$root/target/package/image/pipelog}; build it with mvn -B -Ppackage package" >&2; exit 1; }

data=$(mktemp -d)
log="$data/out.log"
cleanup() { [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

"$app" --version | grep -q '^pipelog ' || { echo "smoke: --version printed no version" >&2; exit 1; }

start=$(date +%s%N)
"$server" --port 0 --data-dir "$data/store" >"$log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 300); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$log" | head -1 || true)
  [[ -n $url ]] && break
  kill -0 "$pid" 2>/dev/null || { echo "smoke: app exited early:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "smoke: no listener URL printed within 30 s:" >&2; cat "$log" >&2; exit 1; }
echo "smoke: listening at $url after $(( ($(date +%s%N) - start) / 1000000 )) ms"

marker="smoke-$RANDOM-$RANDOM"
code=$(curl -s -o "$data/post.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"level\":\"INFO\",\"message\":\"$marker\",\"pipeline_id\":\"smoke\"}" "$url/api/logs")
[[ $code == 202 ]] || { echo "smoke: POST answered $code: $(cat "$data/post.json")" >&2; exit 1; }

found=$(curl -s "$url/api/logs/search?q=$marker")
grep -q "\"message\":\"$marker\"" <<<"$found" || { echo "smoke: record not found: $found" >&2; exit 1; }

kill -TERM "$pid"
wait "$pid" || true
pid=
# DuckDB falls back to other ways of finding its library after printing this; the image must not need them.
if grep -q UnsatisfiedLinkError "$log"; then
  echo "smoke: the native DuckDB library was not found on java.library.path:" >&2; cat "$log" >&2; exit 1
fi
echo "smoke: posted, read back and stopped the packaged app"

# The class-data archive the .deb makes at install time: made, then used (-Xshare:on makes the JVM
# refuse to start when the archive does not match), then removed so the image stays as built.
image=$(dirname "$(dirname "$app")")
if [[ ! -e $image/lib/app/pipelog.jsa ]]; then
  "$image/lib/app/create-cds-archive.sh"
  trap '"$image/lib/app/create-cds-archive.sh" --remove; cleanup' EXIT
  for launcher in "$app" "$server"; do
    JAVA_TOOL_OPTIONS=-Xshare:on "$launcher" --version 2>/dev/null | grep -q '^pipelog ' \
      || { echo "smoke: the class-data archive was made but $launcher does not use it" >&2; exit 1; }
  done
  echo "smoke: the class-data archive is made and used"
fi
