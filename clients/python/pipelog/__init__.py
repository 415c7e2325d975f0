"""Pipelog's Python client: ``logging`` that never blocks the pipeline.

    import logging, pipelog
    pipelog.configure(pipeline_id="daily_sales")      # root logger -> Pipelog, from PIPELOG_* too
    with pipelog.run() as run:                          # one execution: ids, start, end, outcome
        with pipelog.stage("extract"):
            logging.getLogger("etl").info("read %d rows", 1200)

Standard library only (Python >= 3.9). See README.md next to this package.
"""

from ._configure import configure
from ._context import current, parse_traceparent, run, stage
from ._handler import Handler

__all__ = ["Handler", "configure", "current", "parse_traceparent", "run", "stage"]
__version__ = "0.1.0"
