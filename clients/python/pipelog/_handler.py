"""``pipelog.Handler``: a logging.Handler whose emit is a bounded enqueue that never raises."""

import collections
import itertools
import logging
import os
import socket
import sys
import threading
import uuid
import weakref

from . import _record
from ._sender import Poster, Sender, Stats, Warner
from ._spool import Spool, default_root

DEFAULT_URL = "http://127.0.0.1:5170"


class _Config:
    def __init__(self, url, batch_size, flush_interval, queue_size, spool_dir, spool_max_bytes,
                 timeout, close_timeout, max_backoff):
        self.url = url
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.queue_size = queue_size
        self.spool_dir = spool_dir
        self.spool_max_bytes = spool_max_bytes
        self.timeout = timeout
        self.close_timeout = close_timeout
        self.max_backoff = max_backoff


class Handler(logging.Handler):
    """Sends records to Pipelog from a background thread.

    ``emit`` renders the message, reads the run/stage ids and appends to a bounded in-memory queue:
    microseconds, never blocking, never raising. A sender thread posts gzip NDJSON batches of up to
    ``batch_size`` records at least every ``flush_interval`` seconds; what the listener cannot take
    goes to a spool directory (at most ``spool_max_bytes``, fsync'd per batch) and is replayed in
    order once it answers. ``close()`` (also run by ``logging.shutdown`` at interpreter exit) sends
    what is left, waiting at most ``close_timeout`` seconds before leaving the rest in the spool for
    the next process. A forked child gets its own queue, sender and spool on its first record. When
    the queue or the spool is full, records are dropped, counted in ``stats()`` and reported once on
    stderr. Thread-safe.
    """

    def __init__(self, url=None, token=None, level=logging.NOTSET, batch_size=1000, flush_interval=0.2,
                 queue_size=100_000, spool_dir=None, spool_max_bytes=256 * 1024 * 1024, timeout=10.0,
                 close_timeout=5.0, max_backoff=30.0):
        super().__init__(level)
        url = (url or os.environ.get("PIPELOG_URL") or DEFAULT_URL).rstrip("/")
        if batch_size < 1 or queue_size < 1 or flush_interval <= 0 or spool_max_bytes < 0:
            raise ValueError("batch_size and queue_size must be >= 1, flush_interval > 0, spool_max_bytes >= 0")
        self._token = token if token is not None else os.environ.get("PIPELOG_API_TOKEN")
        Poster(url, None, timeout)  # checks the URL now, in the caller's face, not in the thread
        spool_dir = spool_dir or os.environ.get("PIPELOG_SPOOL_DIR") or default_root()
        self._config = _Config(url, batch_size, flush_interval, queue_size, spool_dir, spool_max_bytes,
                               timeout, close_timeout, max_backoff)
        self._host = socket.gethostname()
        self._closed = False
        self._fresh_state()
        _forget_in_child.add(self)

    @property
    def url(self):
        return self._config.url

    def _fresh_state(self):
        """Queue, ids, counters and sender for this process (called again in a forked child)."""
        self._pid = os.getpid()
        self._queue = collections.deque()
        self._wakeup = threading.Event()
        self._ids = itertools.count(1)
        self._id_prefix = uuid.uuid4().hex[:16] + "-"
        self._stats = Stats()
        self._warner = Warner()
        self._sender = None
        self._start_lock = threading.Lock()

    def _start_sender(self):
        with self._start_lock:
            if self._sender is not None:
                return
            c = self._config
            sender = Sender(self._queue, self._wakeup, Poster(c.url, self._token, c.timeout),
                            lambda: Spool(c.spool_dir, c.url, c.spool_max_bytes), c, self._stats, self._warner)
            sender.start()
            self._sender = sender

    def emit(self, record):
        try:
            if self._pid != os.getpid():
                self._after_fork()
            if self._closed:
                return
            if self._sender is None:
                self._start_sender()
            queue = self._queue
            if len(queue) >= self._config.queue_size:
                self._stats.dropped += 1
                self._warner.once("dropped", "dropping records: the queue of %d is full (the listener"
                                                " at %s is slower than the logging); the count is in"
                                                " stats()['dropped']" % (self._config.queue_size, self.url))
                return
            # Ids sort in logging order within a process: records with equal timestamps keep their order.
            queue.append(_record.build(record, "%s%012d" % (self._id_prefix, next(self._ids)), self._host))
            n = len(queue)
            if n == 1 or n == self._config.batch_size:
                self._wakeup.set()
        except Exception:
            # emit must never raise into the pipeline; logging's own policy prints what went wrong.
            self.handleError(record)

    def _after_fork(self):
        with _fork_lock:
            if self._pid != os.getpid():
                self._fresh_state()

    def flush(self, timeout=None):
        """Waits up to ``timeout`` s (default close_timeout) until everything logged so far is
        acknowledged by the listener; True if it is, False if records remain queued or spooled."""
        sender = self._sender
        if sender is None or self._pid != os.getpid():
            return not self._queue
        return sender.flush(self._config.close_timeout if timeout is None else timeout)

    def close(self):
        """Sends what is queued; after ``close_timeout`` s the rest stays in the spool. Idempotent."""
        try:
            if not self._closed and self._pid == os.getpid():
                self._closed = True
                sender = self._sender
                if sender is not None:
                    sender.stop(self._config.close_timeout)
                    s = self._stats
                    if s.dropped or s.rejected:
                        self._warner.once("summary", "closed with %d record(s) dropped and %d rejected by the"
                                                     " listener" % (s.dropped, s.rejected))
        finally:
            super().close()

    def stats(self):
        """Counters of this process: sent, rejected, dropped, spooled, replayed, retries; and queued."""
        d = self._stats.as_dict()
        d["queued"] = len(self._queue)
        return d


_fork_lock = threading.Lock()
_forget_in_child = weakref.WeakSet()


def _close_inherited_locks():
    # The parent's sender owns its spool directory; drop our copies of its lock fds so that directory
    # becomes adoptable as soon as the parent is gone. The rest is reset on the child's first record.
    global _fork_lock
    _fork_lock = threading.Lock()
    for handler in list(_forget_in_child):
        sender = handler._sender
        if sender is not None:
            sender.forget_after_fork()
        handler._fresh_state()
        _finalize_in_multiprocessing_child(handler)


def _finalize_in_multiprocessing_child(handler):
    # A multiprocessing child leaves through os._exit: no atexit, no logging.shutdown. Its exit hook
    # runs Finalize callbacks that have a priority, so close the handler there. multiprocessing clears
    # the finalizers it inherited right after the fork and then runs its after-fork hooks: register there.
    mp_util = sys.modules.get("multiprocessing.util")
    if mp_util is not None:
        mp_util.register_after_fork(handler, _close_at_child_exit)


def _close_at_child_exit(handler):
    sys.modules["multiprocessing.util"].Finalize(handler, handler.close, exitpriority=100)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)
