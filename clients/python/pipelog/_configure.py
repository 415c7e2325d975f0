"""``pipelog.configure``: the one call a pipeline makes."""

import logging
import os
import threading

from . import _context
from ._handler import Handler

_lock = threading.Lock()
_installed = [None]


def configure(pipeline_id=None, level=None, url=None, token=None, logger=None, **handler_options):
    """Attaches one ``pipelog.Handler`` to the root logger (or ``logger``) and returns it. Idempotent.

    ``url``, ``token`` and ``pipeline_id`` default to ``PIPELOG_URL``, ``PIPELOG_API_TOKEN`` and
    ``PIPELOG_PIPELINE_ID``. ``pipeline_id`` is given to records logged outside any ``pipelog.run``.
    ``level`` (a number or a name such as ``"INFO"``) is set on the logger when given. Calling it again
    updates the pipeline id and the level; a different url or token replaces the handler (the old
    one is closed, so what it queued is sent or spooled first). Other keyword arguments go to
    ``Handler`` (batch_size, flush_interval, queue_size, spool_dir, spool_max_bytes, ...).
    """
    target = logging.getLogger(logger) if logger else logging.getLogger()
    pipeline_id = pipeline_id or os.environ.get("PIPELOG_PIPELINE_ID") or _context.default_pipeline()
    url = (url or os.environ.get("PIPELOG_URL") or "http://127.0.0.1:5170").rstrip("/")
    token = token if token is not None else os.environ.get("PIPELOG_API_TOKEN")
    with _lock:
        _context.set_default_pipeline(pipeline_id)
        if level is not None:
            target.setLevel(level)
        current = _installed[0]
        if current is not None:
            handler, where, key = current
            if where is target and key == (url, token, tuple(sorted(handler_options.items()))):
                return handler
            where.removeHandler(handler)
            handler.close()
        handler = Handler(url=url, token=token, **handler_options)
        target.addHandler(handler)
        _installed[0] = (handler, target, (url, token, tuple(sorted(handler_options.items()))))
        return handler
