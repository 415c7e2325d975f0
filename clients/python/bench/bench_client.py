"""Pipelog's Python client, measured against a running Pipelog (run by PythonClientBenchmark).

    python3 bench_client.py URL [records, default 200000] [rounds, default 3] [httphandler records, default 200]

Per round: ``records`` log calls from one thread, each timed with perf_counter_ns (the cost in the
caller's thread: Logger.info + the handler's emit), then flush() until the listener acknowledged
everything; records/s = records / (first call to last acknowledgement). Then, side by side in the
same run, the stdlib HTTPHandler (one blocking POST per record) for a small count. Prints one line of
JSON per round, with the process's CPU seconds and the load average (the machines are shared).
"""

import json
import logging
import logging.handlers
import os
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pipelog  # noqa: E402


def percentile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def client_round(url, n, spool):
    handler = pipelog.Handler(url=url, spool_dir=spool)
    log = logging.getLogger("bench.client")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.INFO)
    costs = [0] * n
    clock = time.perf_counter_ns
    with pipelog.run("bench_python_client"):
        cpu_started = time.process_time()
        started = time.perf_counter()
        for i in range(n):
            t0 = clock()
            log.info("order %d loaded into %s", i, "warehouse.orders")
            costs[i] = clock() - t0
        logged = time.perf_counter()
        acknowledged = handler.flush(300)
        done = time.perf_counter()
        cpu = time.process_time() - cpu_started
    stats = handler.stats()
    handler.close()
    costs.sort()
    return {"client": "pipelog.Handler", "records": n, "acknowledged_all": acknowledged,
            "records_per_s": round(n / (done - started)), "logging_s": round(logged - started, 3),
            # CPU of this process (both threads): on a shared machine, the rate it could reach alone.
            "cpu_s": round(cpu, 3), "records_per_cpu_s": round(n / cpu),
            "load_average": os.getloadavg()[0],
            "emit_us_p50": percentile(costs, 0.50) / 1000, "emit_us_p99": percentile(costs, 0.99) / 1000,
            "emit_us_max": costs[-1] / 1000, "sent": stats["sent"], "dropped": stats["dropped"]}


def httphandler_round(url, n):
    parts = urllib.parse.urlsplit(url)
    handler = logging.handlers.HTTPHandler(parts.netloc, "/api/logs", method="POST")
    log = logging.getLogger("bench.httphandler")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.INFO)
    costs = []
    started = time.perf_counter()
    for i in range(n):
        t0 = time.perf_counter_ns()
        log.info("order %d loaded into %s", i, "warehouse.orders", extra={"pipeline_id": "bench_httphandler"})
        costs.append(time.perf_counter_ns() - t0)
    done = time.perf_counter()
    costs.sort()
    return {"client": "logging.handlers.HTTPHandler", "records": n, "records_per_s": round(n / (done - started)),
            "emit_us_p50": percentile(costs, 0.50) / 1000, "emit_us_p99": percentile(costs, 0.99) / 1000}


def main():
    url = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    plain = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    with tempfile.TemporaryDirectory() as spool:
        for r in range(rounds):
            print(json.dumps(dict(client_round(url, n, spool), round=r + 1)), flush=True)
            if plain:
                print(json.dumps(dict(httphandler_round(url, plain), round=r + 1)), flush=True)


if __name__ == "__main__":
    main()
