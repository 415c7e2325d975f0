"""Runs and stages: the ids every record inside them carries, kept in a ``contextvars`` variable.

A ``ContextVar`` follows the code: asyncio tasks copy the context they were created in, and a thread
started with ``contextvars.copy_context().run`` sees the ids of the code that started it. A plain
``threading.Thread`` starts with an empty context (Python's rule), so its records only get the
configured pipeline id.
"""

import contextvars
import functools
import inspect
import logging
import re
import time
import uuid
from typing import NamedTuple, Optional

_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")

_RUN_LOGGER = "pipelog.run"


class Scope(NamedTuple):
    """The ids of the innermost run or stage."""

    pipeline_id: Optional[str]
    execution_id: Optional[str]
    correlation_id: Optional[str]
    span_id: Optional[str]
    parent_span_id: Optional[str]


_current = contextvars.ContextVar("pipelog_scope", default=None)
_default_pipeline = [None]  # set by configure(); a list so the handler reads the live value


def current():
    """The ids of the innermost run or stage, or None outside any."""
    return _current.get()


def set_default_pipeline(pipeline_id):
    _default_pipeline[0] = pipeline_id


def default_pipeline():
    return _default_pipeline[0]


def _new_span():
    return uuid.uuid4().hex[:16]


def parse_traceparent(value):
    """(trace id, parent span id) of a W3C traceparent header, or None when it is not one."""
    if not value:
        return None
    m = _TRACEPARENT.match(value.strip().lower())
    if not m or m.group(1) == "0" * 32 or m.group(2) == "0" * 16:
        return None
    return m.group(1), m.group(2)


class _Scoped:
    """A context manager that is also a decorator (sync or async), fresh state per use."""

    def __call__(self, func):
        if inspect.iscoroutinefunction(func):
            @functools.wraps(func)
            async def async_wrapper(*args, **kwargs):
                with self._copy():
                    return await func(*args, **kwargs)
            return async_wrapper

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with self._copy():
                return func(*args, **kwargs)
        return wrapper

    async def __aenter__(self):
        return self.__enter__()

    async def __aexit__(self, exc_type, exc, tb):
        return self.__exit__(exc_type, exc, tb)


class run(_Scoped):
    """One execution of a pipeline.

    ``with pipelog.run("daily_sales") as r:`` (or ``@pipelog.run("daily_sales")``) gives every record
    inside it the pipeline id, a new execution id (or ``execution_id``) and a correlation id (or
    ``correlation_id``, or the trace id of a W3C ``traceparent``). It logs the start, and the end with
    the outcome and the duration: INFO when the block returns, ERROR with the traceback when it
    raises (the exception is not swallowed), so Pipelog shows the execution as ok or failed.
    """

    def __init__(self, pipeline_id=None, execution_id=None, correlation_id=None, traceparent=None,
                 logger=None):
        self._args = (pipeline_id, execution_id, correlation_id, traceparent, logger)
        self._log = logging.getLogger(logger or _RUN_LOGGER)
        self.pipeline_id = pipeline_id
        self.execution_id = execution_id
        self.correlation_id = correlation_id
        self.span_id = None
        self._parent_span = None
        self._token = None
        self._started = None
        if traceparent is not None:
            parsed = parse_traceparent(traceparent)
            if parsed is None:
                raise ValueError("not a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>): %r" % (traceparent,))
            if correlation_id is None:
                self.correlation_id = parsed[0]
            self._parent_span = parsed[1]

    def _copy(self):
        return run(*self._args)

    def __enter__(self):
        if self._token is not None:
            raise RuntimeError("this pipelog.run is already active; create a new one for a nested run")
        outer = _current.get()
        self.pipeline_id = self.pipeline_id or (outer and outer.pipeline_id) or default_pipeline()
        if not self.pipeline_id:
            raise ValueError("pipelog.run needs a pipeline id: pass one, call pipelog.configure(pipeline_id=...)"
                             " or set PIPELOG_PIPELINE_ID")
        self.execution_id = self.execution_id or "exec_" + uuid.uuid4().hex[:12]
        self.correlation_id = self.correlation_id or uuid.uuid4().hex
        self.span_id = _new_span()
        self._token = _current.set(Scope(self.pipeline_id, self.execution_id, self.correlation_id,
                                         self.span_id, self._parent_span))
        self._started = time.perf_counter()
        self._log.info("run %s of %s started", self.execution_id, self.pipeline_id,
                       extra={"run_event": "start"}, stacklevel=2)
        return self

    def __exit__(self, exc_type, exc, tb):
        duration_ms = round((time.perf_counter() - self._started) * 1000, 3)
        try:
            if exc_type is None:
                self._log.info("run %s of %s finished ok in %.3f s", self.execution_id, self.pipeline_id,
                               duration_ms / 1000, extra={"run_event": "end", "outcome": "ok",
                                                          "duration_ms": duration_ms}, stacklevel=2)
            else:
                self._log.error("run %s of %s failed after %.3f s: %s: %s", self.execution_id,
                                self.pipeline_id, duration_ms / 1000, exc_type.__name__, exc,
                                exc_info=(exc_type, exc, tb), stacklevel=2,
                                extra={"run_event": "end", "outcome": "failed", "duration_ms": duration_ms})
        finally:
            _current.reset(self._token)
            self._token = None
        return False


class stage(_Scoped):
    """A step of a run (extract, normalize, load...): a span under the enclosing run or stage.

    Records inside carry its span id and the enclosing span as parent, so Pipelog draws one stage lane
    per stage and the correlation tree nests them. Its start and end are logged on the logger named
    ``logger`` (default: the stage name, which is what the stage lane is labelled with).
    """

    def __init__(self, name, logger=None):
        self.name = name
        self._log = logging.getLogger(logger or name)
        self._logger_name = logger
        self.span_id = None
        self._token = None
        self._started = None

    def _copy(self):
        return stage(self.name, self._logger_name)

    def __enter__(self):
        if self._token is not None:
            raise RuntimeError("this pipelog.stage is already active; create a new one to nest")
        outer = _current.get() or Scope(default_pipeline(), None, None, None, None)
        self.span_id = _new_span()
        self._token = _current.set(outer._replace(span_id=self.span_id, parent_span_id=outer.span_id))
        self._started = time.perf_counter()
        self._log.info("stage %s started", self.name, extra={"stage": self.name, "stage_event": "start"},
                       stacklevel=2)
        return self

    def __exit__(self, exc_type, exc, tb):
        duration_ms = round((time.perf_counter() - self._started) * 1000, 3)
        try:
            if exc_type is None:
                self._log.info("stage %s finished in %.3f s", self.name, duration_ms / 1000, stacklevel=2,
                               extra={"stage": self.name, "stage_event": "end", "outcome": "ok",
                                      "duration_ms": duration_ms})
            else:
                self._log.error("stage %s failed after %.3f s: %s: %s", self.name, duration_ms / 1000,
                                exc_type.__name__, exc, stacklevel=2,
                                extra={"stage": self.name, "stage_event": "end", "outcome": "failed",
                                       "duration_ms": duration_ms})
        finally:
            _current.reset(self._token)
            self._token = None
        return False
