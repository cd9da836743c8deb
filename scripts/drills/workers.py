"""Drill 2: a gunicorn worker killed under load."""

import os
import signal
import time

from harness import (
    Outcome,
    kinds,
    load,
    ratio,
    say,
    table,
)

# --- Drill 2: a gunicorn worker killed under load --------------------------------------------


def drill_worker_kill(cluster, site):
    say("\n=== Drill: a gunicorn worker killed (SIGKILL) under load ===")
    outcome = Outcome("worker-kill")
    site.start(workers=2)
    before_workers = site.workers()
    victim = before_workers[0]
    handful = 5
    responses, at = load(
        site.port,
        ["/", "/tin-tuc/", "/lop-hoc/", "/cong-khai/"],
        seconds=10,
        threads=8,
        events=[(3.0, "killed", lambda: os.kill(victim, signal.SIGKILL))],
    )
    time.sleep(1)
    after_workers = site.workers()
    site.stop()
    failed = [r for r in responses if r.status != 200]
    last = [r for r in responses if r.started >= at["killed"] + 3]
    table(
        ["requests", "statuses", "failed", "killed worker", "workers after"],
        [
            [
                len(responses),
                kinds(responses),
                ratio(len(failed), len(responses)),
                victim,
                len(after_workers),
            ]
        ],
    )
    outcome.expect(
        f"at most a handful ({handful}) of failed requests: {len(failed)}", len(failed) <= handful
    )
    outcome.expect(
        "gunicorn replaced the worker (2 workers again, the killed one gone)",
        len(after_workers) == 2 and victim not in after_workers,
    )
    outcome.expect(
        f"from 3 s after the kill every request got 200: {ratio(len(last), len(last))}",
        last and all(r.status == 200 for r in last),
    )
    outcome.report()
    return outcome
