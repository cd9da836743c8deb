"""What every drill uses: a throwaway PostgreSQL cluster, the site under gunicorn in production
mode, plain HTTP requests and load from threads, and the printed tables."""

import contextlib
import glob
import http.client
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"

# What a reader sees during an outage (templates/503.html, in Vietnamese).
OUTAGE_TEXT = "Trang web tạm thời gián đoạn"
DISK_FULL_TEXT = "ổ đĩa lưu tệp của máy chủ đã đầy"


def say(text=""):
    print(text, flush=True)


def table(headers, rows):
    widths = [max(len(str(x)) for x in [h, *[r[i] for r in rows]]) for i, h in enumerate(headers)]
    line = "  ".join(f"{h:<{w}}" for h, w in zip(headers, widths, strict=True))
    say("  " + line)
    say("  " + "  ".join("-" * w for w in widths))
    for row in rows:
        say("  " + "  ".join(f"{x!s:<{w}}" for x, w in zip(row, widths, strict=True)))


@dataclass
class Outcome:
    name: str
    checks: list = field(default_factory=list)  # (description, passed)

    def expect(self, description, passed):
        self.checks.append((description, bool(passed)))

    @property
    def passed(self):
        return all(ok for _, ok in self.checks)

    def report(self):
        for description, ok in self.checks:
            say(f"  [{'ok' if ok else 'FAILED'}] {description}")


# --- PostgreSQL -------------------------------------------------------------------------------


def pg_bin():
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3])
    )
    if os.environ.get("PG_BIN"):
        found.append(str(Path(os.environ["PG_BIN"]) / "initdb"))
    if not found:
        sys.exit("No PostgreSQL server binaries (apt-get install postgresql).")
    return Path(found[-1]).parent


class Cluster:
    """A throwaway PostgreSQL cluster on a Unix socket (as scripts/with-postgres.sh)."""

    def __init__(self):
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="pgd.", dir="/tmp"))
        self.as_pg = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.as_pg = ["runuser", "-u", "postgres", "--"]
        self._run(
            "initdb",
            "-D",
            f"{self.dir}/data",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "-U",
            "portal",
        )
        self.start()
        self._run("createdb", "-h", str(self.dir), "-U", "portal", "portal")

    def url(self, name="portal"):
        return f"postgres://portal@/{name}?host={self.dir}"

    def _run(self, tool, *args):
        subprocess.run(
            [*self.as_pg, str(self.bin / tool), *args],
            cwd="/",
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self):
        self._run(
            "pg_ctl",
            "-D",
            f"{self.dir}/data",
            "-w",
            "-l",
            f"{self.dir}/server.log",
            "-o",
            f"-k {self.dir} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off",
            "start",
        )

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", f"{self.dir}/data", "-m", mode, "-w", "stop")

    def createdb(self, name):
        self._run("createdb", "-h", str(self.dir), "-U", "portal", name)

    def remove(self):
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


# --- The site ---------------------------------------------------------------------------------


def free_port():
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Site:
    def __init__(self, cluster, workdir):
        self.workdir = Path(workdir)
        self.media = self.workdir / "media"
        self.env = {
            **os.environ,
            "DATABASE_URL": cluster.url(),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "drills-" + secrets.token_urlsafe(40),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_STATIC_ROOT": str(self.workdir / "static"),
            "DJANGO_MEDIA_ROOT": str(self.media),
            # Its own cache folder: the app's var/cache would hold pages of earlier runs.
            "DJANGO_DATA_DIR": str(self.workdir / "data"),
            "DJANGO_DB_CONNECT_TIMEOUT": "3",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_ENROLL_RATE_LIMIT": "0",
        }
        self.process = None
        self.port = None

    def manage(self, *args, env=None, capture=True):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=capture,
            text=True,
        )
        if result.returncode:
            say(result.stdout or "")
            say(result.stderr or "")
            raise SystemExit(f"manage.py {' '.join(args)} failed")
        return result.stdout

    def prepare(self):
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("load_demo")

    def start(self, workers=2, env=None, ready=(200,), preexec_fn=None):
        self.port = free_port()
        self.log = open(self.workdir / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "tienTan_portal.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=self.log,
            stderr=self.log,
            preexec_fn=preexec_fn,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if request(self.port, "/healthz", timeout=10).status in ready:
                    return
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer in 30 s; see {self.log.name}")

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(p) for p in children.read_text().split())

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


# --- HTTP and load ----------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    started: float = 0.0
    seconds: float = 0.0
    error: str = ""


def request(port, path, method="GET", body=None, headers=None, timeout=15):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


def load(port, paths, seconds, threads, events=()):
    """GET `paths` in turn from `threads` threads for `seconds`; `events` are (at, callable)
    run from the main thread at those offsets. Returns (responses, event_times)."""
    results, lock = [], threading.Lock()
    start = time.monotonic()
    stop_at = start + seconds

    def worker(n):
        i = n
        while time.monotonic() < stop_at:
            path = paths[i % len(paths)].replace("{rand}", uuid.uuid4().hex[:8])
            i += 1
            t0 = time.monotonic()
            try:
                r = request(port, path, timeout=15)
            except (OSError, http.client.HTTPException) as error:
                r = Response(0, {}, b"", error=type(error).__name__)
            r.started, r.seconds = t0 - start, time.monotonic() - t0
            with lock:
                results.append(r)

    pool = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(threads)]
    for t in pool:
        t.start()
    times = {}
    for at, name, action in events:
        time.sleep(max(0, start + at - time.monotonic()))
        times[name + "_begin"] = time.monotonic() - start
        action()
        times[name] = time.monotonic() - start
    for t in pool:
        t.join(seconds + 20)
    return results, times


def kinds(responses):
    counts = {}
    for r in responses:
        key = str(r.status) if r.status else f"error:{r.error}"
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{k}×{v}" for k, v in sorted(counts.items())) or "-"


def ratio(part, whole):
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "0/0"
