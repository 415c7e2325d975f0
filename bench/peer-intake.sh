#!/usr/bin/env bash
# Bulk intake side by side: the same generated NDJSON file, loaded by the same client (bench/peer_load.py,
# Python's standard library: CLIENTS threads, BATCH records per POST, each on a kept-alive connection)
#   - into ClickHouse (Debian's clickhouse-server, own config and data dir, loopback port),
#     HTTP `INSERT ... FORMAT JSONEachRow`;
#   - into Pipelog (headless, the packaged pipelog-server's JVM options: -Xmx256m -Xss2m, default settings),
#     HTTP POST /api/logs as application/x-ndjson;
#   - and through DuckDB's own read_ndjson of the file into Pipelog's schema (no HTTP).
# Every count is checked. Prints one table (medians over RUNS) plus the load average.
# Never part of CI: it installs a package and takes minutes. Re-run it whenever the write path changes.
#
# usage: bench/peer-intake.sh [RECORDS=1000000] [CLIENTS=4] [BATCH=5000] [RUNS=3]
set -euo pipefail
records=${1:-1000000}
clients=${2:-4}
batch=${3:-5000}
runs=${4:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/pipelog-peer.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v clickhouse-server >/dev/null 2>&1; then
  echo "installing Debian's clickhouse-server (needs root)..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clickhouse-server clickhouse-client >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { # wait_for WHAT COMMAND...: polls COMMAND for up to 60 s
  local what=$1; shift
  for _ in $(seq 600); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "peer-intake: $what did not come up" >&2; exit 1
}
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
check_count() { # check_count CONTESTANT EXPECTED FOUND
  if [[ "$2" != "$3" ]]; then echo "peer-intake: $1 holds $3 records, $2 were sent" >&2; exit 1; fi
}

echo "building the test classes and the class path..." >&2
(cd "$root" && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null)
cp="$(cat "$work/cp.txt"):$root/target/classes:$root/target/test-classes"
file="$work/records.ndjson"
python3 "$root/bench/peer_load.py" generate "$records" "$file"
echo "generated $records records, $(du -m "$file" | cut -f1) MB; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

clickhouse_run() {
  local dir="$work/clickhouse-$1" http tcp
  http=$(free_port); tcp=$(free_port)
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/log"
  cat >"$dir/users.xml" <<EOF
<yandex><profiles><default/></profiles>
<users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
<quotas><default/></quotas></yandex>
EOF
  cat >"$dir/config.xml" <<EOF
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host><http_port>$http</http_port><tcp_port>$tcp</tcp_port>
  <path>$dir/data/</path><tmp_path>$dir/tmp/</tmp_path><user_files_path>$dir/user_files/</user_files_path>
  <users_config>$dir/users.xml</users_config><default_profile>default</default_profile><default_database>default</default_database>
  <mark_cache_size>1073741824</mark_cache_size>
</yandex>
EOF
  clickhouse-server --config-file="$dir/config.xml" >"$dir/log/stdout" 2>&1 &
  local pid=$!; pids+=("$pid")
  wait_for "ClickHouse" curl -sf "http://127.0.0.1:$http/ping"
  # The wire record's columns; `extra` (a nested object) is skipped: ClickHouse 18.16 cannot store an
  # object in a String column, so it does a little less work than Pipelog here.
  curl -sf "http://127.0.0.1:$http/" --data-binary "CREATE TABLE logs (timestamp String, level String,
    logger String, message String, pipeline_id String, execution_id String, correlation_id String,
    module String, function String, line UInt32, thread String, process_id UInt32, host String)
    ENGINE = MergeTree ORDER BY (pipeline_id, timestamp)" >/dev/null
  local out
  out=$(python3 "$root/bench/peer_load.py" load \
    "http://127.0.0.1:$http/?input_format_skip_unknown_fields=1&query=INSERT%20INTO%20logs%20FORMAT%20JSONEachRow" \
    "$file" "$batch" "$clients" "application/x-ndjson")
  check_count ClickHouse "$records" "$(curl -sf "http://127.0.0.1:$http/" --data-binary "SELECT count() FROM logs")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$out"
}

pipelog_run() {
  local dir="$work/pipelog-$1"
  mkdir -p "$dir"
  java -Xmx256m -Xss2m -cp "$cp" dev.pipelog.Main --headless --port 0 --data-dir "$dir/data" --log-level WARN \
    >"$dir/server.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  wait_for "Pipelog" grep -q "listening on" "$dir/server.log"
  local url
  url=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$dir/server.log" | head -1 | sed 's/listening on //')
  local out
  out=$(python3 "$root/bench/peer_load.py" load "$url/api/logs" "$file" "$batch" "$clients" "application/x-ndjson")
  local stored
  stored=$(curl -sf "$url/api/logs/stats" | python3 -c 'import json,sys
print(sum(p["total"] for p in json.load(sys.stdin)["pipelines"] if p["pipeline_id"].startswith("peer_")))')
  check_count Pipelog "$records" "$stored"
  local rss
  rss=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["rss_mb"]=int(sys.argv[2]); print(json.dumps(d))' "$out" "$rss"
}

duckdb_run() {
  local out
  out=$(java -cp "$cp" dev.pipelog.bench.ReadNdjsonLoad "$file" "$work/duckdb-$1")
  check_count "DuckDB read_ndjson" "$records" "$(field "$out" records)"
  rm -rf "$work/duckdb-$1"
  echo "$out"
}

results="$work/results.jsonl"
for run in $(seq "$runs"); do
  for contestant in clickhouse pipelog duckdb; do
    out=$("${contestant}_run" "$run")
    echo "run $run $contestant: $out" >&2
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["contestant"]=sys.argv[2]; d["run"]=int(sys.argv[3]); print(json.dumps(d))' \
      "$out" "$contestant" "$run" >>"$results"
  done
done

python3 - "$results" "$records" "$clients" "$batch" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
records, clients, batch = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
def med(name, key):
    values = [r[key] for r in rows if r["contestant"] == name and key in r]
    return statistics.median(values) if values else None
ch = med("clickhouse", "records_per_s")
print(f"{records:,} records, {clients} clients x {batch:,} records per batch, medians of {len(rows) // 3} runs; every count checked")
print("| contestant | records/s | x ClickHouse | ack p50 / p99 (ms) | peak RSS |")
print("|---|---:|---:|---|---:|")
for name, label in (("clickhouse", "ClickHouse 18.16, HTTP JSONEachRow"), ("pipelog", "Pipelog, HTTP NDJSON (pipelog-server settings)"),
                    ("duckdb", "DuckDB read_ndjson of the file (no HTTP)")):
    rate = med(name, "records_per_s")
    acks = f"{med(name, 'p50_ms'):.0f} / {med(name, 'p99_ms'):.0f}" if med(name, "p50_ms") is not None else "–"
    rss = f"{med(name, 'rss_mb'):.0f} MB" if med(name, "rss_mb") is not None else ""
    print(f"| {label} | {rate:,.0f} | {rate / ch:.2f} | {acks} | {rss} |")
per_run = [r for r in rows if r["contestant"] == "pipelog"]
print("Pipelog / ClickHouse per run: " + ", ".join(
    f"{p['records_per_s'] / next(r['records_per_s'] for r in rows if r['contestant'] == 'clickhouse' and r['run'] == p['run']):.2f}"
    for p in per_run))
print("Pipelog / DuckDB read_ndjson per run: " + ", ".join(
    f"{p['records_per_s'] / next(r['records_per_s'] for r in rows if r['contestant'] == 'duckdb' and r['run'] == p['run']):.2f}"
    for p in per_run))
EOF
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
