"""What the client tests share: the real Pipelog they talk to, and readers of its REST API.

The JUnit test ``dev.pipelog.api.PythonClientTest`` runs these tests with:
  PIPELOG_TEST_URL        a Pipelog listener already running (in the JUnit JVM, port 0);
  PIPELOG_TEST_JAVA       the java binary and
  PIPELOG_TEST_CLASSPATH  the class path, to start Pipelog as a separate process (``pipelog --headless``)
                          for the tests that stop, kill and restart the listener.
Run by hand: ``mvn -B -q test -Dtest=PythonClientTest``.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid


def shared_url():
    url = os.environ.get("PIPELOG_TEST_URL")
    if not url:
        raise unittest.SkipTest("PIPELOG_TEST_URL is not set: run through PythonClientTest (see tests/support.py)")
    return url.rstrip("/")


def unique(prefix):
    return "%s_%s" % (prefix, uuid.uuid4().hex[:8])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def pipeline_records(base, pipeline_id, **filters):
    """Every record of a pipeline, following cursors, in the order the API gives."""
    items = []
    cursor = None
    while True:
        params = dict(filters, limit=10000)
        if cursor:
            params["cursor"] = cursor
        page = get_json("%s/api/logs/pipeline/%s?%s" % (base, urllib.parse.quote(pipeline_id),
                                                         urllib.parse.urlencode(params)))
        items.extend(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return items


def count(base, pipeline_id):
    """How many records a pipeline has (0 when Pipelog does not know it yet)."""
    try:
        return len(pipeline_records(base, pipeline_id))
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return 0
        raise


def executions(base, pipeline_id):
    return get_json("%s/api/logs/pipeline/%s/executions" % (base, urllib.parse.quote(pipeline_id)))["executions"]


def eventually(what, condition, timeout=60.0, describe=None):
    """Polls condition() until it is truthy; fails naming what never happened (and describe())."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(0.05)
    raise AssertionError("timed out after %.0f s waiting for: %s (last: %r)" % (
        timeout, what, describe() if describe else last))


class TempDirTestCase(unittest.TestCase):
    """A fresh directory per test (spools live there), removed afterwards."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pipelog-client-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.handlers = []
        self.addCleanup(self._close_handlers)

    def handler(self, url, **options):
        import pipelog
        options.setdefault("spool_dir", os.path.join(self.tmp, "spool"))
        h = pipelog.Handler(url=url, **options)
        self.handlers.append(h)
        return h

    def logger(self, handler, name=None):
        """A logger whose records, like those of pipelog.run and pipelog.stage, reach ``handler``
        through the root logger (as after pipelog.configure); undone after the test."""
        import logging
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.DEBUG)
        root.addHandler(handler)
        self.addCleanup(root.setLevel, level)
        self.addCleanup(root.removeHandler, handler)
        return logging.getLogger(name or unique("test"))

    def _close_handlers(self):
        for h in self.handlers:
            h.close()


class HeadlessPipelog:
    """Pipelog as a separate process on a chosen port and data dir: ``pipelog --headless``."""

    def __init__(self, data_dir, port, env=None):
        java = os.environ.get("PIPELOG_TEST_JAVA")
        classpath = os.environ.get("PIPELOG_TEST_CLASSPATH")
        if not java or not classpath:
            raise unittest.SkipTest("PIPELOG_TEST_JAVA/PIPELOG_TEST_CLASSPATH are not set: run through PythonClientTest")
        self.data_dir = data_dir
        self.port = port
        self.url = "http://127.0.0.1:%d" % port
        self._command = [java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, "dev.pipelog.Main",
                         "--headless", "--port", str(port), "--data-dir", data_dir]
        self.process = None
        self._env = env or {}

    def start(self, timeout=90):
        env = dict(os.environ, LOG_LEVEL="WARN", ENABLE_REQUEST_LOGGING="false", **self._env)
        self.process = subprocess.Popen(self._command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        env=env, text=True)
        started = threading.Event()

        out = self.process.stdout

        def read():
            with out:  # drained to the end, so the child never blocks on a full pipe
                for line in out:
                    if "http://" in line:
                        started.set()
        threading.Thread(target=read, daemon=True).start()
        if not started.wait(timeout):
            self.kill()
            raise AssertionError("headless Pipelog did not print its URL within %d s" % timeout)
        return self

    def kill(self):
        """kill -9: what the listener acknowledged must survive it."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)


    def stop(self):
        """SIGTERM: a graceful stop that flushes every accepted record."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.kill()
                raise AssertionError("headless Pipelog did not stop within 60 s of SIGTERM")
