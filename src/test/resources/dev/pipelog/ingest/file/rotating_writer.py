"""Writes log records through logging.handlers.RotatingFileHandler, one round at a time.

Usage: rotating_writer.py PATH ROUNDS RECORDS_PER_ROUND
After each round it prints "done N" (N = records written so far) and waits for a line on stdin,
so the test decides when the next round (and the rotation it may cause) happens.
"""
import logging
import logging.handlers
import sys

path, rounds, per_round = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
handler = logging.handlers.RotatingFileHandler(path, maxBytes=4000, backupCount=50)
handler.setFormatter(logging.Formatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s"))
log = logging.getLogger("etl.rotating")
log.addHandler(handler)
log.setLevel(logging.INFO)

written = 0
for round_number in range(rounds):
    for _ in range(per_round):
        if written % 9 == 0:
            try:
                {}["missing"]
            except KeyError:
                log.exception("record %d failed", written)
        else:
            log.info("record %d", written)
        written += 1
    handler.flush()
    print("done", written, flush=True)
    sys.stdin.readline()
handler.close()
