"""The listener down, overloaded, killed or silent: nothing logged is lost or stored twice."""

import http.server
import logging
import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request

import pipelog
from support import (HeadlessPipelog, TempDirTestCase, count, eventually, free_port, pipeline_records,
                     shared_url, unique)


class ResilienceTest(TempDirTestCase):

    def headless(self, port, env=None):
        server = HeadlessPipelog(os.path.join(self.tmp, "pipelog-data"), port, env)
        self.addCleanup(server.kill)
        return server

    def test_records_logged_while_the_listener_is_down_are_replayed_once_it_is_up(self):
        port = free_port()
        pid = unique("py_down")
        spool = os.path.join(self.tmp, "spool")
        # A pipeline that ran and exited while Pipelog was down: close() left its records in the spool.
        script = textwrap.dedent("""
            import logging, pipelog, sys
            h = pipelog.Handler(url=sys.argv[1], spool_dir=sys.argv[2], flush_interval=0.05)
            logging.getLogger().addHandler(h); logging.getLogger().setLevel(logging.INFO)
            log = logging.getLogger("down")
            with pipelog.run(sys.argv[3]):
                for i in range(500):
                    log.info("early %d", i)
        """)
        done = subprocess.run([sys.executable, "-c", script, "http://127.0.0.1:%d" % port, spool, pid],
                              capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertIn("cannot deliver to", done.stderr, "the failure is said on stderr")
        self.assertEqual(1, done.stderr.count("pipelog:"), "and said once: " + done.stderr)
        self.assertTrue(any(f.endswith(".ndjson.gz") for _, _, files in os.walk(spool) for f in files))

        # This process logs while the listener is still down, then Pipelog starts.
        handler = self.handler("http://127.0.0.1:%d" % port, spool_dir=spool, flush_interval=0.05, max_backoff=2.0)
        log = self.logger(handler)
        with pipelog.run(pid):
            for i in range(500):
                log.info("late %d", i)
        eventually("the batches spooled", lambda: handler.stats()["spooled"] > 0)
        server = self.headless(port).start()
        handler.flush(120)
        eventually("the spool replayed", lambda: handler.stats()["replayed"] > 0 and handler.stats()["queued"] == 0
                   and count(server.url, pid) >= 1004, timeout=120,
                   describe=lambda: (handler.stats(), count(server.url, pid)))
        records = pipeline_records(server.url, pid)
        messages = [r["message"] for r in records]
        self.assertEqual(1004, len(messages), "500 + 500 records and two runs' start and end")
        self.assertEqual(len(records), len({r["id"] for r in records}))
        for prefix in ("early", "late"):
            got = sorted(int(m.split()[1]) for m in messages if m.startswith(prefix + " "))
            self.assertEqual(list(range(500)), got, prefix)
        self.assertEqual([], [f for _, _, files in os.walk(spool) for f in files if f.endswith(".ndjson.gz")],
                         "the spool is empty once replayed")

    def test_the_listener_killed_mid_stream_and_restarted_loses_nothing(self):
        port = free_port()
        pid = unique("py_kill")
        server = self.headless(port).start()
        handler = self.handler(server.url, batch_size=200, flush_interval=0.02, max_backoff=2.0)
        log = self.logger(handler)
        n = 20_000
        with pipelog.run(pid):
            for i in range(n // 2):
                log.info("stream %d", i)
            eventually("some records stored", lambda: count(server.url, pid) > 1000)
            server.kill()  # while the rest of the first half is still being sent
            for i in range(n // 2, n):
                log.info("stream %d", i)
            eventually("the sender noticed", lambda: handler.stats()["retries"] > 0)
        server.start()
        handler.flush(120)
        eventually("every record", lambda: count(server.url, pid) >= n + 2, timeout=120)
        records = pipeline_records(server.url, pid)
        self.assertEqual(n + 2, len(records))
        self.assertEqual(n + 2, len({r["id"] for r in records}), "none stored twice")
        got = sorted(int(r["message"].split()[1]) for r in records if r["message"].startswith("stream "))
        self.assertEqual(list(range(n)), got)

    def test_a_token_protected_listener_takes_records_only_with_the_token_and_keeps_the_others(self):
        token = "s3cret-" + unique("token")
        server = self.headless(free_port(), {"PIPELOG_API_TOKEN": token}).start()
        pid = unique("py_token")
        without = self.handler(server.url, token="", spool_dir=os.path.join(self.tmp, "spool-a"), max_backoff=0.5)
        log = self.logger(without)
        with pipelog.run(pid):
            log.info("without the token")
        eventually("the 401 noticed", lambda: without.stats()["retries"] > 0 and without.stats()["spooled"] > 0)
        self.assertEqual(0, without.stats()["sent"])
        logging.getLogger().removeHandler(without)

        saved = os.environ.get("PIPELOG_API_TOKEN")
        os.environ["PIPELOG_API_TOKEN"] = token
        try:
            with_token = self.handler(server.url, spool_dir=os.path.join(self.tmp, "spool-b"))
        finally:
            if saved is None:
                del os.environ["PIPELOG_API_TOKEN"]
            else:
                os.environ["PIPELOG_API_TOKEN"] = saved
        self.logger(with_token)
        with pipelog.run(pid):
            log.info("with the token")
        self.assertTrue(with_token.flush(30))
        request = urllib.request.Request(server.url + "/api/logs/pipeline/" + pid,
                                         headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=30) as response:
            messages = [r["message"] for r in __import__("json").loads(response.read())["items"]]
        self.assertIn("with the token", messages)
        self.assertNotIn("without the token", messages)

    def test_a_429_storm_is_waited_out_with_backoff_and_nothing_is_lost(self):
        url = shared_url()
        proxy = OverloadedProxy(url, refuse_first=4, retry_after="0")
        self.addCleanup(proxy.close)
        pid = unique("py_429")
        handler = self.handler(proxy.url, batch_size=100, flush_interval=0.02)
        log = self.logger(handler)
        with pipelog.run(pid):
            for i in range(1000):
                log.info("storm %d", i)
        handler.flush(60)
        eventually("all records", lambda: count(url, pid) >= 1002)
        stats = handler.stats()
        self.assertEqual(4, proxy.refused)
        self.assertGreaterEqual(stats["retries"], 4, stats)
        self.assertEqual(0, stats["dropped"], stats)
        gaps = proxy.gaps_after_refusal()
        self.assertTrue(len(gaps) == 4 and all(g > 0.1 for g in gaps), "backed off between attempts: %r" % gaps)
        records = pipeline_records(url, pid)
        self.assertEqual(1002, len(records))
        self.assertEqual(1002, len({r["id"] for r in records}))

    def test_retry_after_from_the_listener_is_honoured(self):
        url = shared_url()
        proxy = OverloadedProxy(url, refuse_first=1, retry_after="2")
        self.addCleanup(proxy.close)
        pid = unique("py_retry_after")
        handler = self.handler(proxy.url, flush_interval=0.02)
        log = self.logger(handler)
        with pipelog.run(pid):
            log.info("once")
        handler.flush(30)
        eventually("the record", lambda: count(url, pid) >= 3)
        self.assertGreaterEqual(proxy.times[1] - proxy.times[0], 2.0, "waited Retry-After before posting again")

    def test_close_waits_a_bounded_time_for_a_silent_listener_and_keeps_the_rest_in_the_spool(self):
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # accepts connections (the kernel does), never answers
        self.addCleanup(silent.close)
        port = silent.getsockname()[1]
        spool = os.path.join(self.tmp, "spool")
        handler = pipelog.Handler(url="http://127.0.0.1:%d" % port, spool_dir=spool, close_timeout=1.0,
                                  timeout=30)
        log = self.logger(handler)
        pid = unique("py_silent")
        with pipelog.run(pid):
            for i in range(100):
                log.info("silent %d", i)
        started = time.monotonic()
        handler.close()
        self.assertLess(time.monotonic() - started, 5.0, "close() waited about close_timeout, not the 30 s timeout")
        self.assertGreater(handler.stats()["spooled"], 0)

        # The next run of the pipeline, with the listener back, delivers them.
        url = shared_url()
        orphan_dir = [root for root, _, files in os.walk(spool) if "lock" in files][0]
        replay = self.handler(url, spool_dir=os.path.join(self.tmp, "replay"))
        move_spool(orphan_dir, replay)
        self.logger(replay).info("trigger")
        replay.flush(30)
        eventually("the records spooled at close", lambda: count(url, pid) >= 102)
        self.assertEqual(102, len({r["id"] for r in pipeline_records(url, pid)}))

    def test_when_queue_and_spool_are_full_records_are_dropped_counted_and_said_once(self):
        port = free_port()
        script = textwrap.dedent("""
            import logging, pipelog, sys
            h = pipelog.Handler(url=sys.argv[1], spool_dir=sys.argv[2], spool_max_bytes=0, queue_size=10,
                                close_timeout=2)
            log = logging.getLogger("full"); log.addHandler(h); log.setLevel(logging.INFO)
            for i in range(5000):
                log.info("lost %d", i)
            h.close()
            s = h.stats()
            print(s["dropped"], s["sent"], s["queued"])
        """)
        done = subprocess.run([sys.executable, "-c", script, "http://127.0.0.1:%d" % port,
                               os.path.join(self.tmp, "spool")], capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
        self.assertEqual(0, done.returncode, done.stderr)
        dropped, sent, queued = map(int, done.stdout.split())
        self.assertEqual((5000, 0, 0), (dropped, sent, queued), "every record accounted as dropped")
        self.assertEqual(1, done.stderr.count("dropping records"), done.stderr)
        self.assertIn("closed with 5000 record(s) dropped", done.stderr)


def move_spool(orphan_dir, handler):
    """Puts another process's spool where ``handler``'s sender will adopt it (same listener key)."""
    import shutil
    from pipelog import _spool
    target = os.path.join(handler._config.spool_dir, _spool.listener_key(handler.url))
    os.makedirs(target, exist_ok=True)
    shutil.move(orphan_dir, os.path.join(target, os.path.basename(orphan_dir)))


class OverloadedProxy:
    """Answers the first ``refuse_first`` posts 429 with Retry-After, then forwards to Pipelog."""

    def __init__(self, target, refuse_first, retry_after):
        self.refused = 0
        self.times = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                proxy.times.append(time.monotonic())
                if proxy.refused < refuse_first:
                    proxy.refused += 1
                    self._answer(429, b'{"error":"overloaded","message":"test storm"}',
                                 {"Retry-After": retry_after})
                    return
                request = urllib.request.Request(target + self.path, data=body, method="POST", headers={
                    k: v for k, v in self.headers.items() if k.lower() in ("content-type", "content-encoding")})
                with urllib.request.urlopen(request, timeout=30) as response:
                    self._answer(response.status, response.read(), {})

            def _answer(self, status, payload, headers):
                self.send_response(status)
                for k, v in dict(headers, **{"Content-Type": "application/json"}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass  # keep the test output to the results

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def gaps_after_refusal(self):
        return [b - a for a, b in zip(self.times, self.times[1:])][:self.refused]

    def close(self):
        self._server.shutdown()
        self._server.server_close()
