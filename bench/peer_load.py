#!/usr/bin/env python3
"""The one load client of bench/peer-intake.sh, Python's standard library only.

  peer_load.py generate N FILE          writes N pipeline records as NDJSON (deterministic)
  peer_load.py load URL FILE BATCH CLIENTS CONTENT_TYPE
                                        posts FILE in batches of BATCH lines from CLIENTS threads,
                                        each on its own kept-alive connection; every answer must be
                                        2xx; prints one JSON line: records, seconds, ack p50/p99 (ms)
"""
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

LEVELS = ["DEBUG", "INFO", "INFO", "INFO", "INFO", "INFO", "WARNING", "ERROR"]
STAGES = ["extract", "transform", "load", "validate"]
WORDS = ["rows", "batch", "table", "orders", "customers", "partition", "upsert", "schema", "deadlock", "retry"]


def generate(n, path):
    rnd = random.Random(42)
    start = datetime(2026, 11, 1, tzinfo=timezone.utc)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            pipeline = "peer_%d" % (i % 10)
            execution = "exec_%d_%d" % (i % 10, i // 20000)
            stage = STAGES[(i // 50) % 4]
            level = LEVELS[rnd.randrange(len(LEVELS))]
            ts = start + timedelta(microseconds=i * 1500)
            words = " ".join(rnd.choice(WORDS) for _ in range(6))
            record = {
                "timestamp": ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "level": level,
                "logger": "dlt.%s" % stage,
                "message": "%s %s: %d %s in %d ms" % (stage, pipeline, rnd.randrange(100000), words, rnd.randrange(5000)),
                "pipeline_id": pipeline,
                "execution_id": execution,
                "correlation_id": "corr_%d" % (i // 100),
                "module": "pipeline.%s" % stage,
                "function": "run_%s" % stage,
                "line": rnd.randrange(1, 900),
                "thread": "MainThread",
                "process_id": 4000 + i % 7,
                "host": "etl-%02d" % (i % 4),
                "extra": {"rows": rnd.randrange(100000), "attempt": rnd.randrange(1, 6)},
            }
            out.write(json.dumps(record, separators=(",", ":")))
            out.write("\n")


def load(url, path, batch, clients, content_type):
    with open(path, "rb") as f:
        lines = f.read().splitlines(keepends=True)
    bodies = [b"".join(lines[i:i + batch]) for i in range(0, len(lines), batch)]
    counts = [min(batch, len(lines) - i) for i in range(0, len(lines), batch)]
    parsed = urllib.parse.urlsplit(url)
    target = parsed.path + ("?" + parsed.query if parsed.query else "")
    next_batch = [0]
    lock = threading.Lock()
    latencies = []
    failures = []

    def client():
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)
        mine = []
        while True:
            with lock:
                b = next_batch[0]
                next_batch[0] += 1
            if b >= len(bodies) or failures:
                break
            for attempt in range(100):
                s = time.perf_counter()
                conn.request("POST", target, body=bodies[b], headers={"Content-Type": content_type})
                r = conn.getresponse()
                answer = r.read()
                if r.status == 429 or r.status == 503:
                    # Told to come back later: the whole batch again, as a real client would.
                    time.sleep(float(r.getheader("Retry-After", "1")))
                    continue
                if r.status // 100 != 2:
                    failures.append("batch %d: %d %s" % (b, r.status, answer[:300]))
                mine.append(time.perf_counter() - s)
                break
            else:
                failures.append("batch %d: refused 100 times" % b)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    if failures:
        sys.exit("load failed: " + "; ".join(failures[:3]))
    latencies.sort()
    print(json.dumps({"records": sum(counts), "seconds": seconds, "records_per_s": sum(counts) / seconds,
                      "p50_ms": latencies[len(latencies) // 2] * 1e3,
                      "p99_ms": latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)] * 1e3}))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        sys.exit(__doc__)
