"""Runs and stages fill pipeline, execution, correlation and span ids, in threads and asyncio tasks too."""

import asyncio
import concurrent.futures
import contextvars
import threading

import pipelog
from support import TempDirTestCase, executions, pipeline_records, shared_url, unique


class ContextTest(TempDirTestCase):

    def test_threads_with_a_copied_context_and_asyncio_tasks_get_the_ids_of_their_run(self):
        url = shared_url()
        handler = self.handler(url)
        log = self.logger(handler)
        pid_a, pid_b = unique("py_ctx_a"), unique("py_ctx_b")

        async def task(name):
            await asyncio.sleep(0.01)
            log.info("task %s", name)

        async def main():
            with pipelog.run(pid_b, execution_id="exec_async"):
                await asyncio.gather(task("one"), task("two"))

        with pipelog.run(pid_a, execution_id="exec_threads") as run_a:
            ctx = contextvars.copy_context()
            t = threading.Thread(target=ctx.run, args=(log.info, "from a copied context"))
            t.start()
            t.join()
            with concurrent.futures.ThreadPoolExecutor(2) as pool:
                # asyncio runs in its own thread here: its run must not leak into run_a's records.
                pool.submit(contextvars.copy_context().run, asyncio.run, main()).result()
            log.info("in run a")
        handler.flush(30)

        a = {r["message"]: r for r in pipeline_records(url, pid_a)}
        for message in ("from a copied context", "in run a"):
            self.assertEqual("exec_threads", a[message]["execution_id"], message)
            self.assertEqual(run_a.correlation_id, a[message]["correlation_id"], message)
            self.assertEqual(run_a.span_id, a[message]["span_id"], message)
        b = {r["message"]: r for r in pipeline_records(url, pid_b)}
        self.assertEqual({"exec_async"}, {b["task one"]["execution_id"], b["task two"]["execution_id"]})
        self.assertNotEqual(run_a.correlation_id, b["task one"]["correlation_id"])
        self.assertFalse(any(m.startswith("task") for m in a))

    def test_stages_nest_spans_under_the_run(self):
        url = shared_url()
        handler = self.handler(url)
        log = self.logger(handler)
        pid = unique("py_stages")
        with pipelog.run(pid) as run:
            with pipelog.stage("extract") as extract:
                log.info("extracting")
                with pipelog.stage("extract.pages") as pages:
                    log.info("a page")
            with pipelog.stage("load") as load:
                log.info("loading")
        handler.flush(30)
        records = {r["message"]: r for r in pipeline_records(url, pid)}
        self.assertEqual((extract.span_id, run.span_id),
                         (records["extracting"]["span_id"], records["extracting"]["parent_span_id"]))
        self.assertEqual((pages.span_id, extract.span_id),
                         (records["a page"]["span_id"], records["a page"]["parent_span_id"]))
        self.assertEqual((load.span_id, run.span_id),
                         (records["loading"]["span_id"], records["loading"]["parent_span_id"]))
        self.assertEqual("extract", records["stage extract started"]["logger"], "the stage lane's label")
        tree = pipelog_tree(url, run.correlation_id)
        self.assertEqual(run.span_id, tree["tree"][0]["span_id"])
        children = {c["span_id"] for c in tree["tree"][0]["children"]}
        self.assertEqual({extract.span_id, load.span_id}, children)

    def test_a_run_logs_its_outcome_and_duration_for_the_executions_view(self):
        url = shared_url()
        handler = self.handler(url)
        log = self.logger(handler)
        pid = unique("py_outcome")

        @pipelog.run(pid, execution_id="exec_ok")
        def good():
            log.info("working")

        @pipelog.run(pid, execution_id="exec_failed")
        def bad():
            with pipelog.stage("load"):
                raise ValueError("no such table: orders")

        good()
        with self.assertRaises(ValueError):
            bad()
        handler.flush(30)
        runs = {e["execution_id"]: e for e in executions(url, pid)}
        self.assertEqual("OK", runs["exec_ok"]["status"])
        self.assertEqual("FAILED", runs["exec_failed"]["status"])
        self.assertIn("no such table: orders", runs["exec_failed"]["last_error"])
        self.assertGreaterEqual(runs["exec_ok"]["duration_ms"], 0)
        end = [r for r in pipeline_records(url, pid, execution_id="exec_failed")
               if r.get("extra", {}).get("run_event") == "end"]
        self.assertEqual(1, len(end))
        self.assertEqual("failed", end[0]["extra"]["outcome"])
        self.assertIn("ValueError: no such table: orders", end[0]["stack_trace"])

    def test_a_run_adopts_a_w3c_traceparent(self):
        url = shared_url()
        handler = self.handler(url)
        log = self.logger(handler)
        pid = unique("py_traceparent")
        trace = "4bf92f3577b34da6a3ce929d0e0e4736"
        with pipelog.run(pid, traceparent="00-%s-00f067aa0ba902b7-01" % trace):
            log.info("inside")
        with self.assertRaises(ValueError):
            pipelog.run(pid, traceparent="not-a-traceparent")
        handler.flush(30)
        inside = [r for r in pipeline_records(url, pid) if r["message"] == "inside"][0]
        self.assertEqual(trace, inside["correlation_id"])
        self.assertEqual("00f067aa0ba902b7", inside["parent_span_id"])


def pipelog_tree(url, correlation_id):
    from support import get_json
    return get_json("%s/api/logs/correlation/%s" % (url, correlation_id))
