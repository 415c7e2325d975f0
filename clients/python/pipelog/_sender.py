"""The background sender: drains the handler's queue into gzip NDJSON batches and posts them.

One daemon thread per handler and process. A batch goes when it holds ``batch_size`` records or when
``flush_interval`` has passed since its first record. Whatever cannot be posted (listener down, 429,
503, 5xx, a wrong token) is written to the spool, and from then on every new batch is spooled behind
it until the spool is replayed, oldest first, so the listener sees the records in the order they were
logged. A replayed record carries the id it had the first time, so Pipelog stores it once even when the
first post was stored but its answer lost.
"""

import gzip
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse
from email.utils import parsedate_to_datetime

from . import _record

_BASE_BACKOFF = 0.25
_BACKLOG_BATCHES = 10  # at most this many batch_size batches' worth of records in one post


class Stats:
    """Counters a caller can read (``Handler.stats()``); ints, updated by the sender thread."""

    def __init__(self):
        self.sent = 0          # records the listener acknowledged
        self.rejected = 0      # records the listener refused one by one (bad field): not retried
        self.dropped = 0       # records lost because queue and spool were both full
        self.spooled = 0       # batches written to the spool
        self.replayed = 0      # spooled batches the listener later took
        self.retries = 0       # failed posts (connection refused, 429, 503, ...)

    def as_dict(self):
        return dict(vars(self))


class Warner:
    """Says each kind of trouble once on stderr, so a broken listener never floods the pipeline's output."""

    def __init__(self):
        self._said = set()
        self._lock = threading.Lock()

    def once(self, key, text):
        with self._lock:
            if key in self._said:
                return
            self._said.add(key)
        try:
            sys.stderr.write("pipelog: %s\n" % text)
            sys.stderr.flush()
        except Exception:
            pass  # stderr closed at interpreter exit: nowhere left to say it


class Outcome:
    """What one post came to."""
    OK, RETRY, SPLIT, REFUSED = "ok", "retry", "split", "refused"

    def __init__(self, kind, retry_after=None, accepted=0, rejected=0, why=""):
        self.kind = kind
        self.retry_after = retry_after
        self.accepted = accepted
        self.rejected = rejected
        self.why = why


def _retry_after(value):
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None


class Poster:
    """Posts gzip NDJSON bodies to ``<url>/api/logs`` over one kept-alive connection."""

    def __init__(self, url, token, timeout):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("pipelog url must be http(s)://host[:port], not %r" % (url,))
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._path = parts.path.rstrip("/") + "/api/logs"
        self._timeout = timeout
        self._headers = {"Content-Type": "application/x-ndjson", "Content-Encoding": "gzip",
                         "User-Agent": "pipelog-python"}
        if token:
            self._headers["Authorization"] = "Bearer " + token
        self._conn = None

    def _connection(self):
        if self._conn is None:
            cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            self._conn = cls(self._host, self._port, timeout=self._timeout)
        return self._conn

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def post(self, body):
        try:
            conn = self._connection()
            conn.request("POST", self._path, body=body, headers=self._headers)
            response = conn.getresponse()
            status = response.status
            payload = response.read()
            retry_after = _retry_after(response.getheader("Retry-After"))
            if response.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException) as e:
            self.close()
            return Outcome(Outcome.RETRY, why="%s: %s" % (type(e).__name__, e))
        if 200 <= status < 300:
            try:
                answer = json.loads(payload.decode("utf-8"))
                return Outcome(Outcome.OK, accepted=int(answer.get("accepted", 0)),
                               rejected=int(answer.get("rejected", 0)), why=_first_error(answer))
            except (ValueError, AttributeError, TypeError):
                return Outcome(Outcome.OK, why="unreadable answer")
        why = "HTTP %d %s" % (status, _error_text(payload))
        if status == 413:
            return Outcome(Outcome.SPLIT, why=why)
        if status in (400, 415, 422):
            return Outcome(Outcome.REFUSED, why=why)
        # 401/403 (token), 404 (wrong url), 408, 429, 5xx: keep the batch, it may go later.
        return Outcome(Outcome.RETRY, retry_after=retry_after, why=why)


def _first_error(answer):
    errors = answer.get("errors") or []
    return errors[0].get("reason", "") if errors and isinstance(errors[0], dict) else ""


def _error_text(payload):
    try:
        answer = json.loads(payload.decode("utf-8"))
        return "%s: %s" % (answer.get("error", ""), answer.get("message", ""))
    except (ValueError, AttributeError):
        return payload[:200].decode("utf-8", "replace")


def gzip_lines(lines):
    return gzip.compress(b"\n".join(lines) + b"\n", compresslevel=1)


class Sender:
    """The thread. ``queue`` is the handler's deque of record tuples (see _record.build)."""

    def __init__(self, queue, wakeup, poster, spool_factory, config, stats, warner):
        self._queue = queue
        self._wakeup = wakeup
        self._poster = poster
        self._spool_factory = spool_factory
        self._spool = None
        self._config = config
        self._stats = stats
        self._warn = warner
        self._stopping = threading.Event()
        self._urgent = threading.Event()  # a flush() is waiting: send partial batches now
        self._backoff_until = 0.0
        self._attempt = 0
        self._abandoned = False  # stop() gave up waiting and spooled our work itself
        self.inflight = None  # the lines being posted right now: close() spools them if it gives up waiting
        self._idle = threading.Condition()
        self._busy = False
        self.thread = threading.Thread(target=self._loop, name="pipelog-sender", daemon=True)

    def start(self):
        self.thread.start()

    # ---- the loop -------------------------------------------------------------------------------
    def _loop(self):
        try:
            self._open_spool()
            while True:
                stopping = self._stopping.is_set()
                if not stopping and not self._queue and (self._spool is None or self._spool.is_empty()):
                    self._set_busy(False)
                    self._wakeup.wait(self._config.flush_interval)
                    self._wakeup.clear()
                self._set_busy(True)
                self._cycle(final=stopping)
                if stopping or self._abandoned:
                    return
        except Exception as e:  # a bug here must not kill logging silently
            self._warn.once("crash", "sender stopped after an internal error (%s: %s); records logged"
                            " from now on are dropped and counted" % (type(e).__name__, e))
        finally:
            self._set_busy(False)

    def _set_busy(self, busy):
        with self._idle:
            self._busy = busy
            self._idle.notify_all()

    def _open_spool(self):
        if self._spool is None and self._spool_factory is not None:
            try:
                self._spool = self._spool_factory()
            except OSError as e:
                self._warn.once("spool-open", "cannot use the spool directory (%s); unsent records"
                                " will be dropped and counted" % (e,))
                self._spool_factory = None

    def _cycle(self, final):
        # Replay first: the spool holds older records than the queue.
        if self._spool is not None and not self._spool.is_empty():
            if not self._replay(final):
                self._spool_queue()  # still down: new records queue up behind on disk
                return
        self._wait_for_batch(final)
        while self._queue:
            # A backlog goes in bigger batches: each post waits for the listener's commit, so records
            # per post, not posts, set the rate once the pipeline logs faster than one batch per ack.
            lines = self._take(min(len(self._queue), self._config.batch_size * _BACKLOG_BATCHES))
            if not self._send(lines, final):
                self._spool_queue()
                return
            if not final and len(self._queue) < self._config.batch_size:
                return

    def _wait_for_batch(self, final):
        """Gives a young partial batch until flush_interval to fill up."""
        if final or self._urgent.is_set() or not self._queue or len(self._queue) >= self._config.batch_size:
            return
        deadline = time.monotonic() + self._config.flush_interval
        while len(self._queue) < self._config.batch_size and not (self._stopping.is_set() or self._urgent.is_set()):
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._wakeup.wait(left)
            self._wakeup.clear()

    def _take(self, n):
        lines = []
        pop = self._queue.popleft
        try:
            for _ in range(n):
                lines.append(_record.to_json_line(pop()))
        except IndexError:
            pass  # the queue ran dry: a short batch
        return lines

    def _in_backoff(self):
        return time.monotonic() < self._backoff_until

    def _send(self, lines, final):
        """Posts lines; True when they are settled (acknowledged or refused for good)."""
        if self._in_backoff() and not final:
            self._spool_lines(lines)
            return True
        self.inflight = lines
        try:
            return self._post_splitting(lines, gzip_lines(lines))
        finally:
            self.inflight = None

    def _post_splitting(self, lines, body):
        outcome = self._poster.post(body)
        if self._abandoned:
            return True  # close() already spooled these lines and released the spool
        if outcome.kind == Outcome.SPLIT and len(lines) > 1:
            half = len(lines) // 2
            return (self._post_splitting(lines[:half], gzip_lines(lines[:half]))
                    and self._post_splitting(lines[half:], gzip_lines(lines[half:])))
        if self._settle(outcome, len(lines)):
            return True
        self._spool_lines(lines)
        return False

    def _settle(self, outcome, count):
        """Counts an outcome; False when the batch must be kept for later."""
        if outcome.kind == Outcome.OK:
            self._attempt = 0
            self._backoff_until = 0.0
            self._stats.sent += outcome.accepted
            if outcome.rejected:
                self._stats.rejected += outcome.rejected
                self._warn.once("rejected", "the listener rejected %d record(s) of a batch (first reason: %s);"
                                            " rejected records are counted in stats(), not retried"
                                % (outcome.rejected, outcome.why))
            return True
        if outcome.kind in (Outcome.REFUSED, Outcome.SPLIT):
            self._stats.rejected += count
            self._warn.once("refused", "the listener refused a whole batch of %d record(s) (%s); they are"
                                       " counted as rejected" % (count, outcome.why))
            return True
        self._stats.retries += 1
        self._attempt += 1
        ceiling = min(self._config.max_backoff, _BASE_BACKOFF * (2 ** min(self._attempt, 16)))
        delay = random.uniform(ceiling / 2, ceiling)  # jitter: many pipelines do not retry in step
        if outcome.retry_after is not None:
            delay = max(delay, outcome.retry_after * random.uniform(1.0, 1.2))
        self._backoff_until = time.monotonic() + delay
        self._warn.once("retry", "cannot deliver to %s (%s); keeping records in the spool %s and retrying"
                        % (self._config.url, outcome.why, self._spool.path if self._spool else "(none)"))
        return False

    def _replay(self, final):
        """Posts spooled batches oldest first; True once the spool is empty."""
        if self._in_backoff() and not final:
            self._sleep_backoff()
            if self._in_backoff():
                return False
        self._spool.adopt_orphans()
        while True:
            head = self._spool.head()
            if head is None:
                return True
            path, body = head
            outcome = self._poster.post(body)
            if self._abandoned:
                return True  # close() gave up on us: the batch stays in the spool for the next process
            if outcome.kind == Outcome.SPLIT:
                outcome = self._post_spooled_lines(body)
            if not self._settle(outcome, _count_lines(body)):
                return False
            self._spool.remove(path)
            self._stats.replayed += 1
            if len(self._queue) > self._config.queue_size // 2:
                self._spool_queue()  # replay is slower than the logging: keep order, keep memory bounded
            if self._stopping.is_set() and not final:
                return True

    def _post_spooled_lines(self, body):
        lines = gzip.decompress(body).rstrip(b"\n").split(b"\n")
        half = len(lines) // 2
        first = self._poster.post(gzip_lines(lines[:half]))
        if first.kind != Outcome.OK:
            return first
        second = self._poster.post(gzip_lines(lines[half:]))
        if second.kind == Outcome.OK:
            second.accepted += first.accepted
            second.rejected += first.rejected
        return second

    def _sleep_backoff(self):
        """Waits out the backoff, waking early only to stop."""
        left = self._backoff_until - time.monotonic()
        if left > 0:
            self._stopping.wait(min(left, self._config.flush_interval))

    def _spool_queue(self):
        while self._queue:
            self._spool_lines(self._take(self._config.batch_size))

    def _spool_lines(self, lines):
        if not lines:
            return
        if self._spool is not None:
            try:
                if self._spool.append(gzip_lines(lines)):
                    self._stats.spooled += 1
                    return
                why = "the spool %s is full (%d bytes)" % (self._spool.path, self._spool.max_bytes)
            except OSError as e:
                why = "writing the spool failed (%s)" % (e,)
        else:
            why = "there is no spool"
        self._stats.dropped += len(lines)
        self._warn.once("dropped", "dropping records: the listener at %s cannot take them and %s;"
                                   " the count is in stats()['dropped']" % (self._config.url, why))

    # ---- stopping ------------------------------------------------------------------------------
    def flush(self, timeout):
        """Waits until the queue and the spool are empty or the timeout passes; True if they are."""
        deadline = time.monotonic() + timeout
        self._urgent.set()
        self._wakeup.set()
        try:
            return self._await_idle(deadline)
        finally:
            self._urgent.clear()

    def _await_idle(self, deadline):
        with self._idle:
            while True:
                done = not self._queue and not self._busy and (self._spool is None or self._spool.is_empty())
                left = deadline - time.monotonic()
                if done or left <= 0 or not self.thread.is_alive():
                    return done
                if self._in_backoff() and not self._queue and not self.inflight:
                    return False  # the listener is down and everything is on disk: nothing to wait for
                self._wakeup.set()
                self._idle.wait(min(left, 0.05))

    def stop(self, timeout):
        """Sends what is queued, spooling what the listener does not take, within ``timeout`` s."""
        self._stopping.set()
        self._wakeup.set()
        self.thread.join(timeout)
        if self.thread.is_alive():
            # Still posting (a slow listener): put the queue and the batch in flight on disk. If that
            # batch did arrive after all, its ids make the replay a no-op.
            inflight = self.inflight
            if inflight:
                self._spool_lines(inflight)
            self._spool_queue()
            self._abandoned = True
            if self._spool is not None:
                self._spool.close()  # unlocks it: the next process adopts and replays it
            self._warn.once("slow-close", "the listener did not answer within %.1f s at close; unsent"
                                          " records are in the spool %s"
                            % (timeout, self._spool.path if self._spool else "(none)"))
            return
        self._poster.close()
        if self._spool is not None:
            self._spool.close()

    def forget_after_fork(self):
        if self._spool is not None:
            self._spool.forget_after_fork()


def _count_lines(body):
    try:
        return gzip.decompress(body).count(b"\n")
    except (OSError, EOFError):
        return 0
