#!/usr/bin/env bash
# Measures the packaged window's start: for each app image given, RUNS starts (alternating between
# the images, so load changes hit all of them alike), each on a fresh data dir and free port, read
# from the app's own log line `first frame N ms after start`; also the process's CPU time when that
# line appeared (less sensitive to other load on the machine). Prints every run and the medians.
# A writable plain image makes its class-data archive in the background on its first start
# (create-cds-archive.sh); each start waits until no such maker runs, so none is measured beside one.
# Usage: packaging/measure-start.sh [-n RUNS] IMAGE_DIR...   (needs $DISPLAY, e.g. Xvfb :99)
set -euo pipefail
runs=5
[[ ${1:-} == -n ]] && { runs=$2; shift 2; }
(( $# > 0 )) || { echo "usage: $0 [-n RUNS] IMAGE_DIR..." >&2; exit 2; }
[[ -n ${DISPLAY:-} ]] || { echo "measure-start: set DISPLAY (e.g. Xvfb :99 & DISPLAY=:99)" >&2; exit 2; }
tick=$(getconf CLK_TCK)

# Prints "WALL_MS CPU_MS" of one start of the image $1.
one_start() {
  local work pid ut st
  while pgrep -f create-cds-archive.sh >/dev/null; do sleep 0.2; done
  work=$(mktemp -d)
  "$1/bin/pipelog" --port 0 --data-dir "$work/store" >"$work/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    grep -qs 'first frame' "$work/log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  read -r ut st < <(awk '{print $14, $15}' "/proc/$pid/stat" 2>/dev/null || echo "0 0")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$(grep -oE 'first frame [0-9]+' "$work/log" | grep -oE '[0-9]+$' || echo FAIL) $(( (ut + st) * 1000 / tick ))"
  rm -rf "$work"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2] + v[NR/2+1]) / 2)}'; }

echo "load before: $(uptime)"
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for run in $(seq 1 "$runs"); do
  for image in "$@"; do
    read -r wall cpu < <(one_start "$image")
    echo "run $run  $image  first frame ${wall} ms  cpu ${cpu} ms"
    echo "$image $wall $cpu" >>"$results"
  done
done
echo "load after: $(uptime)"
for image in "$@"; do
  echo "median $image  first frame $(awk -v i="$image" '$1 == i && $2 != "FAIL" {print $2}' "$results" | median) ms" \
       " cpu $(awk -v i="$image" '$1 == i {print $3}' "$results" | median) ms"
done
