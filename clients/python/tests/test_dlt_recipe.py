"""The dlt recipe of README.md, with a stand-in that logs the way dlt does (dlt cannot be installed here).

What the stand-in copies from dlt's source (dlt/common/runtime/logger.py): dlt logs through its own
logger "dlt", which it sets to ``propagate = False`` with a StreamHandler of its own (so a handler on
the root logger never sees dlt's records), and reports metrics with
``LOGGER.info(name, extra={"metrics": {...}})``. Its extract, normalize and load steps are methods of the
pipeline object, called in that order by ``pipeline.run``.
"""

import io
import logging

import pipelog
from support import TempDirTestCase, executions, pipeline_records, shared_url, unique


class FakeDltPipeline:
    def __init__(self, name):
        self.pipeline_name = name
        # What dlt's _init_logging does for the "dlt" logger.
        self.log = logging.getLogger("dlt")
        self.log.propagate = False
        self.log.setLevel(logging.INFO)
        self.console = io.StringIO()
        self.log.addHandler(logging.StreamHandler(self.console))

    def extract(self, rows):
        self.log.info("Extracted %d rows from source %s", len(rows), "orders")
        self.log.info("extract", extra={"metrics": {"rows": len(rows), "tables": 1}})

    def normalize(self):
        self.log.info("Normalized 1 load package")

    def load(self):
        self.log.warning("Destination table %s has no primary key", "orders")
        self.log.info("Load package 1702 is LOADED and contains no failed jobs")


class DltRecipeTest(TempDirTestCase):

    def test_dlts_own_records_and_its_three_steps_land_as_one_execution_with_stages(self):
        url = shared_url()
        pid = unique("py_dlt")
        handler = self.handler(url)
        self.logger(handler)  # the root logger, as pipelog.configure() does
        pipeline = FakeDltPipeline(pid)
        dlt_logger = logging.getLogger("dlt")
        # The recipe: after dlt set up its logger, add the same handler to it.
        dlt_logger.addHandler(handler)
        self.addCleanup(dlt_logger.removeHandler, handler)
        for h in [h for h in dlt_logger.handlers if isinstance(h, logging.StreamHandler)
                  and not isinstance(h, pipelog.Handler)]:
            self.addCleanup(dlt_logger.removeHandler, h)

        with pipelog.run(pid, execution_id="exec_dlt") as run:
            with pipelog.stage("extract") as extract:
                pipeline.extract([1, 2, 3])
            with pipelog.stage("normalize"):
                pipeline.normalize()
            with pipelog.stage("load") as load:
                pipeline.load()
        self.assertTrue(handler.flush(30))

        self.assertIn("Load package 1702 is LOADED", pipeline.console.getvalue(), "dlt's console output stays")
        records = pipeline_records(url, pid)
        dlt_records = [r for r in records if r["logger"] == "dlt"]
        self.assertEqual(5, len(dlt_records))
        self.assertEqual({"exec_dlt"}, {r["execution_id"] for r in records})
        by_message = {r["message"]: r for r in dlt_records}
        self.assertEqual(extract.span_id, by_message["Extracted 3 rows from source orders"]["span_id"])
        self.assertEqual(run.span_id, by_message["Extracted 3 rows from source orders"]["parent_span_id"])
        self.assertEqual({"rows": 3, "tables": 1}, by_message["extract"]["extra"]["metrics"])
        self.assertEqual(load.span_id, by_message["Destination table orders has no primary key"]["span_id"])
        stage_starts = [r["logger"] for r in records if r.get("extra", {}).get("stage_event") == "start"]
        self.assertEqual(["extract", "normalize", "load"], sorted(stage_starts, key=["extract", "normalize", "load"].index))
        runs = executions(url, pid)
        self.assertEqual(["exec_dlt"], [e["execution_id"] for e in runs])
        self.assertEqual("WARNINGS", runs[0]["status"])
