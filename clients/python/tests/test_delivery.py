"""Records reach the real Pipelog complete, in order, with every field a pipeline logs."""

import logging
import os
import threading

import pipelog
from support import TempDirTestCase, eventually, pipeline_records, shared_url, unique


class DeliveryTest(TempDirTestCase):

    def test_a_hundred_thousand_records_arrive_in_order_with_none_lost(self):
        url = shared_url()
        pid = unique("py_order")
        handler = self.handler(url)
        log = self.logger(handler)
        n = 100_000
        with pipelog.run(pid):
            for i in range(n):
                log.info("record %d", i)
        handler.flush(120)
        stats = handler.stats()
        self.assertEqual(0, stats["dropped"], stats)
        self.assertEqual(0, stats["rejected"], stats)
        records = pipeline_records(url, pid)
        messages = [r["message"] for r in records if r["logger"] == log.name]
        if messages and messages[0] != "record 0":
            messages.reverse()  # the API lists newest first
        self.assertEqual(["record %d" % i for i in range(n)], messages)
        self.assertEqual(n + 2, len(records), "the records plus the run's start and end")
        self.assertEqual(n + 2, len({r["id"] for r in records}), "each stored once")

    def test_a_record_carries_message_level_source_location_traceback_and_extra(self):
        url = shared_url()
        pid = unique("py_fields")
        handler = self.handler(url)
        log = self.logger(handler, "dlt.load")

        class Unserialisable:
            def __repr__(self):
                return "<Unserialisable 7>"

        with pipelog.run(pid):
            try:
                {}["customer_id"]
            except KeyError:
                log.exception("load of %s failed after %d rows (%.1f%%)", "orders", 1200, 87.25,
                              extra={"rows": 1200, "tables": ["orders", "items"], "obj": Unserialisable()})
            log.warning("with a stack", stack_info=True)
            log.info("bad %d format", "not a number")
        handler.flush(30)
        records = pipeline_records(url, pid)
        by_message = {r["message"]: r for r in records}

        failed = by_message["load of orders failed after 1200 rows (87.2%)"]
        self.assertEqual("ERROR", failed["level"])
        self.assertEqual("dlt.load", failed["logger"])
        self.assertEqual("test_delivery", failed["module"])
        self.assertEqual("test_a_record_carries_message_level_source_location_traceback_and_extra",
                         failed["function"])
        self.assertGreater(failed["line"], 0)
        self.assertEqual(threading.current_thread().name, failed["thread"])
        self.assertEqual(os.getpid(), failed["process_id"])
        self.assertTrue(failed["stack_trace"].startswith("Traceback (most recent call last):"))
        self.assertTrue(failed["stack_trace"].endswith("KeyError: 'customer_id'"))
        self.assertEqual({"rows": 1200, "tables": ["orders", "items"], "obj": "<Unserialisable 7>"},
                         failed["extra"])
        self.assertRegex(failed["timestamp"], r"\.\d{6}Z$", "microseconds kept")

        stack = by_message["with a stack"]
        self.assertEqual("WARNING", stack["level"])
        self.assertIn("Stack (most recent call last):", stack["stack_trace"])

        bad = [r for r in records if r["message"].startswith("bad %d format")]
        self.assertEqual(1, len(bad), "a record whose args do not fit is still sent")
        self.assertIn("formatting failed", bad[0]["message"])

    def test_a_record_the_listener_rejects_is_counted_and_not_retried(self):
        url = shared_url()
        pid = unique("py_reject")
        handler = self.handler(url)
        log = self.logger(handler)
        with pipelog.run(pid):
            log.info("before")
            logging.getLogger("x" * 2000).error("logger name too long for Pipelog")
            log.info("after")
        handler.flush(30)
        stats = handler.stats()
        self.assertEqual(1, stats["rejected"], stats)
        self.assertEqual(0, stats["retries"], stats)
        self.assertEqual(0, stats["queued"], stats)
        messages = {r["message"] for r in pipeline_records(url, pid)}
        self.assertIn("before", messages)
        self.assertIn("after", messages)
        self.assertNotIn("logger name too long for Pipelog", messages)

    def test_configure_is_idempotent_and_reads_the_environment(self):
        url = shared_url()
        pid = unique("py_configure")
        root = logging.getLogger()
        before = list(root.handlers)
        old_level = root.level
        env = {"PIPELOG_URL": url, "PIPELOG_PIPELINE_ID": pid}
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            first = pipelog.configure(level="INFO", spool_dir=self.tmp)
            second = pipelog.configure(level="INFO", spool_dir=self.tmp)
            self.assertIs(first, second)
            self.assertEqual(1, sum(1 for h in root.handlers if isinstance(h, pipelog.Handler)))
            self.assertEqual(url, first.url)
            logging.getLogger("py.configured").info("outside any run")
            logging.getLogger("py.configured").debug("below the level")
            first.flush(30)
            records = eventually("the configured record", lambda: pipeline_records(url, pid))
            self.assertEqual(["outside any run"], [r["message"] for r in records])
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
            for h in list(root.handlers):
                if h not in before:
                    root.removeHandler(h)
                    h.close()
            root.setLevel(old_level)
            pipelog._context.set_default_pipeline(None)
            pipelog._configure._installed[0] = None
