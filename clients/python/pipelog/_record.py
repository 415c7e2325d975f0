"""What a ``logging.LogRecord`` becomes on the wire (Pipelog's JSON record, see docs/http-api.md).

The caller's thread does only what must happen there: render the message (the args may change
later), format a traceback (it names live frames), read the context ids, and encode ``extra=`` fields
(they may be mutated later). The JSON line itself is written by the sender thread.
"""

import json
import logging
import traceback
from json.encoder import encode_basestring as _quote

from . import _context

# Attributes every LogRecord has; anything else on a record came from extra= (or a filter).
_STANDARD = frozenset(vars(logging.LogRecord("n", logging.INFO, "p", 1, "m", None, None))) | {
    "message", "asctime", "taskName"}
# extra= keys that are wire fields of their own rather than extra data.
_ID_FIELDS = ("pipeline_id", "execution_id", "correlation_id", "span_id", "parent_span_id")


def stack_trace(record):
    """The traceback of exc_info plus the stack of stack_info, as logging.Formatter would print them."""
    parts = []
    if record.exc_info and record.exc_info[0] is not None:
        parts.append("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
    elif record.exc_text:
        parts.append(record.exc_text)
    if record.stack_info:
        parts.append(record.stack_info)
    return "\n".join(parts) if parts else None


def message(record):
    """record.getMessage(), or the template and the args when they do not fit (never raises)."""
    try:
        return record.getMessage()
    except Exception as e:  # a bad format string must not cost the record or raise into the caller
        return "%s [pipelog: formatting failed: %s: %s; args: %s]" % (
            record.msg, type(e).__name__, e, _safe_repr(record.args))


def _safe_repr(value):
    try:
        return repr(value)
    except Exception as e:
        return "<unrepresentable %s: %s>" % (type(value).__name__, e)


def _json_default(value):
    return _safe_repr(value)


def encode_extra(extra):
    """Compact JSON of the extra fields; values JSON cannot hold are sent as their repr."""
    try:
        return json.dumps(extra, default=_json_default, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False)
    except (ValueError, TypeError, RecursionError):
        # NaN/Infinity, a cycle, or non-string keys: fall back to repr per value.
        return json.dumps({str(k): _safe_repr(v) for k, v in extra.items()}, separators=(",", ":"),
                          ensure_ascii=False)


_BASE_ATTRIBUTES = len(vars(logging.LogRecord("n", logging.INFO, "p", 1, "m", None, None)))


def build(record, record_id, host):
    """What the caller's thread keeps of a record: a tuple (cheaper than a dict), see to_json_line."""
    scope = _context.current()
    if scope is None:
        ids = [_context.default_pipeline(), None, None, None, None]
    else:
        ids = list(scope)
    trace = stack_trace(record) if (record.exc_info or record.exc_text or record.stack_info) else None
    extra_json = None
    attributes = record.__dict__
    if len(attributes) > _BASE_ATTRIBUTES:  # only then can extra= have added anything
        names = attributes.keys() - _STANDARD
        if names:
            extra = {}
            for name in names:
                value = attributes[name]
                if name in _ID_FIELDS:
                    if value is not None:
                        ids[_ID_FIELDS.index(name)] = str(value)
                else:
                    extra[name] = value
            if extra:
                extra_json = encode_extra(extra)
    return (record_id, int(record.created * 1_000_000), record.levelno, record.name, message(record),
            record.module, record.funcName, record.lineno, record.threadName, record.process, host,
            ids[0], ids[1], ids[2], ids[3], ids[4], trace, extra_json)


def _text(value):
    if value is None:
        return "null"
    return _quote(value if value.__class__ is str else str(value))


def _int(value):
    return "null" if value is None else "%d" % value


_LINE = ('{"id":%s,"timestamp":%d,"level":%d,"logger":%s,"message":%s,"module":%s,"function":%s,"line":%s,'
         '"thread":%s,"process_id":%s,"host":%s,"pipeline_id":%s,"execution_id":%s,"correlation_id":%s,'
         '"span_id":%s,"parent_span_id":%s')


def to_json_line(item):
    """One NDJSON line (bytes, without the newline), written by the sender thread. Formatted by hand:
    json.dumps of the same dict costs three times as much, and this thread shares the GIL with the
    pipeline."""
    (rid, ts, level, logger, msg, module, function, line, thread, process, host,
     pipeline, execution, correlation, span, parent, trace, extra_json) = item
    text = _LINE % (_text(rid), ts, level, _text(logger), _text(msg), _text(module), _text(function), _int(line),
                    _text(thread), _int(process), _text(host), _text(pipeline), _text(execution),
                    _text(correlation), _text(span), _text(parent))
    if trace is not None:
        text += ',"stack_trace":' + _quote(trace)
    if extra_json is not None:
        text += ',"extra":' + extra_json
    # A lone surrogate (from a bad decode upstream) is not UTF-8: it must not cost the whole batch.
    return (text + "}").encode("utf-8", "replace")
