#!/usr/bin/env python3
"""Resilience drills: the site in production mode (gunicorn, PostgreSQL, DEBUG off) on
127.0.0.1, a fault injected while it works, and a table of what was seen.

    .venv/bin/python scripts/drills/drills.py [DRILL ...]

DRILL is one of pg-restart, pg-hung, worker-kill, media-full, backup-restore.

No argument runs them all (`make drills`). Each drill has a fixed duration (seconds, not
minutes), prints counts and ratios (never absolute speed claims: the machines are shared), and
the script exits non-zero when any expectation is not met. It needs PostgreSQL's server binaries
(a throwaway cluster is created in /tmp and removed) and, for a genuinely full disk, root (a
small tmpfs is mounted for the media folder); see README, "Resilience".
"""

import argparse
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from backup import drill_backup_restore
from database import drill_pg_hung, drill_pg_restart
from harness import Cluster, Site, say, table
from media import drill_media_full
from workers import drill_worker_kill

DRILLS = {
    "pg-restart": drill_pg_restart,
    "pg-hung": drill_pg_hung,
    "worker-kill": drill_worker_kill,
    "media-full": drill_media_full,
    "backup-restore": drill_backup_restore,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("drills", nargs="*", metavar="DRILL", help=", ".join(DRILLS))
    names = parser.parse_args().drills or list(DRILLS)
    unknown = [n for n in names if n not in DRILLS]
    if unknown:
        parser.error(f"unknown drill {unknown[0]!r}; choose from {', '.join(DRILLS)}")
    # Interrupted (Ctrl-C, CI timeout): still unmount, stop gunicorn and PostgreSQL, clean up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # A hard bound whatever happens (each drill takes seconds; all of them about a minute).
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("Drills stopped: over 4 minutes."))
    signal.alarm(240)
    started = time.monotonic()
    cluster = Cluster()
    workdir = Path(tempfile.mkdtemp(prefix="drills."))
    site = Site(cluster, workdir)
    outcomes = []
    try:
        say(f"Preparing: PostgreSQL at {cluster.dir}, demo content, static files ...")
        site.prepare()
        for name in names:
            t0 = time.monotonic()
            outcome = DRILLS[name](cluster, site)
            say(f"  ({time.monotonic() - t0:.0f} s)")
            outcomes.append(outcome)
    finally:
        site.stop()
        cluster.remove()
        shutil.rmtree(workdir, ignore_errors=True)
    say("\n=== Summary ===")
    table(["drill", "result"], [[o.name, "passed" if o.passed else "FAILED"] for o in outcomes])
    say(f"  total {time.monotonic() - started:.0f} s")
    return 0 if outcomes and all(o.passed for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
