"""A pipeline that logs to Pipelog with the standard library only, as docs/http-api.md shows."""
import logging
import logging.handlers
import sys


class PipelogHandler(logging.handlers.HTTPHandler):
    """HTTPHandler that also sends the formatted message and the traceback."""

    def mapLogRecord(self, record):
        fields = dict(record.__dict__)
        fields["message"] = record.getMessage()
        if record.exc_info:
            fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
        return fields


host = sys.argv[1]  # e.g. 127.0.0.1:5170

plain = logging.getLogger("plain")
plain.propagate = False
plain.setLevel(logging.DEBUG)
plain.addHandler(logging.handlers.HTTPHandler(host, "/api/logs", method="POST"))
plain.warning("plain handler: %d rows into %s", 1200, "orders",
              extra={"pipeline_id": "py_plain", "execution_id": "run_1"})

log = logging.getLogger("dlt.extract")
log.propagate = False
log.setLevel(logging.DEBUG)
log.addHandler(PipelogHandler(host, "/api/logs", method="POST"))
log.info("starting %s", "extract", extra={"pipeline_id": "py_sub", "execution_id": "run_2", "correlation_id": "py-corr"})


def extract():
    raise KeyError("customer_id")


try:
    extract()
except KeyError:
    log.exception("extract failed for %s", "orders",
                  extra={"pipeline_id": "py_sub", "execution_id": "run_2", "correlation_id": "py-corr", "rows": 0})
