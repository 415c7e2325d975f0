"""A forked child (multiprocessing) gets its own sender; parent and child records all arrive once."""

import logging
import multiprocessing
import os

import pipelog
from support import TempDirTestCase, pipeline_records, shared_url, unique


def _child(logger_name, n):
    log = logging.getLogger(logger_name)
    for i in range(n):
        log.info("child %d of pid %d", i, os.getpid())
    # No flush, no close: a multiprocessing child leaves through os._exit, and the handler still
    # delivers what the child logged.


class ForkTest(TempDirTestCase):

    def test_multiprocessing_children_forked_mid_run_deliver_their_records_with_the_runs_ids(self):
        url = shared_url()
        handler = self.handler(url)
        log = self.logger(handler)
        pid = unique("py_fork")
        fork = multiprocessing.get_context("fork")
        with pipelog.run(pid) as run:
            for i in range(300):
                log.info("parent %d", i)  # some still queued in the parent at fork time
            children = [fork.Process(target=_child, args=(log.name, 500)) for _ in range(3)]
            for c in children:
                c.start()
            for c in children:
                c.join(60)
                self.assertEqual(0, c.exitcode)
            log.info("parent after the children")
        self.assertTrue(handler.flush(60))
        records = pipeline_records(url, pid)
        self.assertEqual(len(records), len({r["id"] for r in records}), "ids unique across processes")
        by_process = {}
        for r in records:
            by_process.setdefault(r["process_id"], []).append(r)
        child_pids = {c.pid for c in children}
        self.assertEqual(child_pids | {os.getpid()}, set(by_process))
        for child in child_pids:
            got = by_process[child]
            self.assertEqual(500, len(got), "every record of child %d, none of the parent's copied queue" % child)
            self.assertEqual({run.execution_id}, {r["execution_id"] for r in got})
        self.assertEqual(300 + 3, len(by_process[os.getpid()]), "parent records, run start and end")
