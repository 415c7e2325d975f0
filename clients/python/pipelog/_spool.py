"""The local spool: batches the listener did not take, on disk until it does.

Each sender owns one directory, ``<root>/<listener key>/<pid>-<random>/``, locked with ``flock`` on its
``lock`` file for as long as the process lives. A batch is one file, the exact gzip NDJSON body that
will be posted, named by a sequence number so replay keeps the order; it is written to a temporary
name, fsync'd, renamed and the directory fsync'd, so a batch in the spool survives a crash of the
process or the machine. A directory whose lock nobody holds belongs to a process that died: the next
sender for the same listener adopts it and replays it first (its batches are older). Not thread-safe:
only the sender thread uses it.
"""

import hashlib
import os
import threading
import uuid

try:
    import fcntl
except ImportError:  # Windows: no flock, so no adoption of other processes' spools (see README)
    fcntl = None

_SUFFIX = ".ndjson.gz"


def _guarded(method):
    def locked(self, *args):
        with self._guard:
            return method(self, *args)
    locked.__name__ = method.__name__
    locked.__doc__ = method.__doc__
    return locked


def default_root():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pipelog", "spool")


def listener_key(url):
    """A directory name per listener, so batches for one Pipelog are never replayed to another."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


class _Dir:
    def __init__(self, path, lock_fd):
        self.path = path
        self.lock_fd = lock_fd

    def files(self):
        try:
            names = os.listdir(self.path)
        except FileNotFoundError:
            return []
        return sorted(n for n in names if n.endswith(_SUFFIX))


class Spool:
    def __init__(self, root, url, max_bytes):
        self.max_bytes = max_bytes
        self._parent = os.path.join(root, listener_key(url))
        os.makedirs(self._parent, exist_ok=True)
        name = "%d-%s" % (os.getpid(), uuid.uuid4().hex[:8])
        # Locked under a hidden name first: another sender must never adopt it in between.
        pending = os.path.join(self._parent, "." + name)
        os.makedirs(pending)
        fd = self._lock(pending, blocking=True)
        path = os.path.join(self._parent, name)
        os.rename(pending, path)
        self._own = _Dir(path, fd)
        self._adopted = []
        self._seq = 0
        self.bytes = 0
        self.batches = 0
        self._guard = threading.RLock()
        self.adopt_orphans()

    @staticmethod
    def _lock(path, blocking):
        """An open, flock'ed fd on the directory's lock file, or None if another process holds it."""
        if fcntl is None:
            return None
        fd = os.open(os.path.join(path, "lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            return fd
        except OSError:
            os.close(fd)
            return None

    @property
    def path(self):
        return self._own.path

    @_guarded
    def adopt_orphans(self):
        """Takes over the spools of dead senders for the same listener (oldest first)."""
        if fcntl is None:
            return
        known = {d.path for d in self._adopted} | {self._own.path}
        for name in sorted(os.listdir(self._parent)):
            path = os.path.join(self._parent, name)
            if name.startswith(".") or path in known or not os.path.isdir(path):
                continue
            fd = self._lock(path, blocking=False)
            if fd is None:
                continue  # a live sender's spool
            orphan = _Dir(path, fd)
            for f in orphan.files():
                self._count(os.path.join(path, f), +1)
            self._adopted.append(orphan)

    def _count(self, file_path, sign):
        try:
            size = os.path.getsize(file_path)
        except FileNotFoundError:
            return
        self.bytes += sign * size
        self.batches += sign

    def is_empty(self):
        return self.batches <= 0

    @_guarded
    def append(self, body):
        """Stores one batch durably; False (nothing written) when that would pass the bound."""
        if self.bytes + len(body) > self.max_bytes:
            return False
        self._seq += 1
        final = os.path.join(self._own.path, "%012d%s" % (self._seq, _SUFFIX))
        tmp = final + ".tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(body)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, final)
        _fsync_dir(self._own.path)
        self.bytes += len(body)
        self.batches += 1
        return True

    @_guarded
    def head(self):
        """(path, body) of the oldest batch, or None."""
        while self._adopted:
            orphan = self._adopted[0]
            files = orphan.files()
            if files:
                return self._read(os.path.join(orphan.path, files[0]))
            self._release(orphan)
        files = self._own.files()
        if not files:
            self.bytes = 0
            self.batches = 0
            return None
        return self._read(os.path.join(self._own.path, files[0]))

    @staticmethod
    def _read(path):
        with open(path, "rb") as f:
            return path, f.read()

    @_guarded
    def remove(self, path):
        """Forgets a batch the listener acknowledged."""
        self._count(path, -1)
        os.remove(path)

    def _release(self, orphan):
        self._adopted.pop(0)
        for name in os.listdir(orphan.path):
            if name.endswith(".tmp"):  # a write the dead process never finished: never acknowledged to it
                os.remove(os.path.join(orphan.path, name))
        try:
            os.remove(os.path.join(orphan.path, "lock"))
            os.rmdir(orphan.path)
        except OSError:
            pass  # something new appeared in it; it stays, and is adopted again later
        os.close(orphan.lock_fd)

    @_guarded
    def close(self):
        """Releases the lock; removes the directory when nothing is left in it."""
        for orphan in list(self._adopted):
            if not orphan.files():
                self._release(orphan)
            else:
                os.close(orphan.lock_fd)
        self._adopted = []
        if not self._own.files():
            try:
                os.remove(os.path.join(self._own.path, "lock"))
                os.rmdir(self._own.path)
            except OSError:
                pass  # a file arrived in between: the directory stays for the next sender to adopt
        if self._own.lock_fd is not None:
            os.close(self._own.lock_fd)
            self._own.lock_fd = None

    def forget_after_fork(self):
        """In a forked child: the parent still owns this directory; close our copy of its lock fd."""
        for d in [self._own] + self._adopted:
            if d.lock_fd is not None:
                os.close(d.lock_fd)
                d.lock_fd = None


def _fsync_dir(path):
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a directory; its rename is durable enough there
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
