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
import contextlib
import glob
import http.client
import json
import os
import re
import resource
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


# --- Drill 1: PostgreSQL restarted under load ------------------------------------------------


def drill_pg_restart(cluster, site):
    say("\n=== Drill: PostgreSQL restarted while the site is under load ===")
    outcome = Outcome("pg-restart")
    site.start(workers=2)
    master, before_workers = site.process.pid, site.workers()
    paths = ["/", "/tin-tuc/", "/lop-hoc/", "/cong-khai/", "/tim-kiem/?q=lop+{rand}"]
    outage = 4.0
    events = [
        (3.0, "pg_stopped", lambda: cluster.stop("fast")),
        (3.0 + outage, "pg_started", cluster.start),
    ]
    responses, at = load(site.port, paths, seconds=16, threads=8, events=events)
    after_workers = site.workers()
    alive = site.process.poll() is None
    site.stop()

    before = [r for r in responses if r.started + r.seconds < at["pg_stopped_begin"]]
    during = [r for r in responses if at["pg_stopped"] <= r.started < at["pg_started_begin"]]
    after = [r for r in responses if r.started >= at["pg_started"]]
    seen = {id(r) for r in [*before, *during, *after]}
    edges = [r for r in responses if id(r) not in seen]
    settle = 3.0  # a worker notices the new server at its next request
    late = [r for r in after if r.started >= at["pg_started"] + settle]
    ok_after = [r for r in after if r.status == 200]
    first_ok = min((r.started for r in ok_after), default=None)
    unavailable = [r for r in during if r.status == 503]
    vietnamese = [r for r in unavailable if OUTAGE_TEXT.encode() in r.body]
    retry_after = [r for r in unavailable if r.headers.get("retry-after")]
    slowest_outage = max((r.seconds for r in during), default=0)
    timeout = float(site.env["DJANGO_DB_CONNECT_TIMEOUT"])

    table(
        ["phase", "requests", "statuses", "slowest/connect_timeout"],
        [
            ["before", len(before), kinds(before), "-"],
            [
                f"outage ({outage:.0f} s)",
                len(during),
                kinds(during),
                f"{slowest_outage / timeout:.2f}",
            ],
            ["across stop/start", len(edges), kinds(edges), "-"],
            [f"after (+{settle:.0f} s grace)", len(after), kinds(after), "-"],
        ],
    )
    say(
        f"  first 200 after restart: {first_ok - at['pg_started']:.1f} s after PostgreSQL was up"
        if first_ok is not None
        else "  no 200 after restart"
    )
    say(f"  gunicorn master {master}: workers {before_workers} -> {after_workers}")

    outcome.expect("before the outage every request got 200", all(r.status == 200 for r in before))
    outcome.expect(
        f"no 500 and no dropped connection, whole run: {len(responses)} requests, only 200 or 503",
        during and all(r.status in (200, 503) for r in responses),
    )
    outcome.expect(f"the outage was seen: {len(unavailable)} requests got 503", unavailable)
    outcome.expect(
        f"every 503 is the Vietnamese page: {ratio(len(vietnamese), len(unavailable))}",
        len(vietnamese) == len(unavailable),
    )
    outcome.expect(
        f"every 503 carries Retry-After: {ratio(len(retry_after), len(unavailable))}",
        len(retry_after) == len(unavailable),
    )
    outcome.expect(
        "requests fail fast: none waited longer than the connect timeout + 1 s",
        slowest_outage <= timeout + 1,
    )
    outcome.expect(
        f"recovered by itself: {ratio(sum(r.status == 200 for r in late), len(late))} requests "
        f"got 200 from {settle:.0f} s after PostgreSQL was back",
        late and all(r.status == 200 for r in late),
    )
    outcome.expect(
        "the app was not restarted (same master, same workers, still running)",
        alive and before_workers == after_workers,
    )
    outcome.report()
    return outcome


# --- Drill 1b: PostgreSQL that accepts connections but never answers -------------------------


def drill_pg_hung(cluster, site):
    say("\n=== Drill: PostgreSQL hung (TCP accepted, never answers) ===")
    outcome = Outcome("pg-hung")
    import socket

    # A listener that completes the TCP handshake (the kernel does it) and then says nothing:
    # what a frozen server or a half-dead network path looks like to libpq.
    silent = socket.socket()
    silent.bind((HOST, 0))
    silent.listen(128)
    port = silent.getsockname()[1]
    timeout = float(site.env["DJANGO_DB_CONNECT_TIMEOUT"])
    try:
        site.start(
            workers=2,
            env={"DATABASE_URL": f"postgres://portal@{HOST}:{port}/portal"},
            ready=(503,),
        )
        # As many clients as workers: each response time is then the worker's own wait, not
        # time spent queued behind another request that is waiting too.
        responses, _ = load(site.port, ["/", "/tin-tuc/", "/cong-khai/"], seconds=8, threads=2)
    finally:
        site.stop()
        silent.close()
    durations = sorted(r.seconds for r in responses)
    vietnamese = [r for r in responses if r.status == 503 and OUTAGE_TEXT.encode() in r.body]
    slowest = durations[-1] if durations else 0
    table(
        ["requests", "statuses", "fastest/timeout", "slowest/timeout"],
        [
            [
                len(responses),
                kinds(responses),
                f"{durations[0] / timeout:.2f}" if durations else "-",
                f"{slowest / timeout:.2f}",
            ]
        ],
    )
    outcome.expect(
        f"every request got the Vietnamese 503 page: {ratio(len(vietnamese), len(responses))}",
        responses and len(vietnamese) == len(responses),
    )
    outcome.expect(
        f"no request waited much longer than DJANGO_DB_CONNECT_TIMEOUT={timeout:.0f} s "
        "(slowest ≤ timeout + 1 s)",
        slowest <= timeout + 1,
    )
    outcome.report()
    return outcome


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


# --- Drill 3: the media folder full during an upload -----------------------------------------


class Browser:
    """Just enough of a browser for the Django admin: cookies, CSRF, HTTPS behind a proxy."""

    def __init__(self, port):
        self.port, self.cookies = port, {}
        self.origin = f"https://{HOST}:{port}"

    def _send(self, method, path, body=None, content_type=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": self.origin,
            "Referer": self.origin + path,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            for name, value in r.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def get(self, path):
        return self._send("GET", path)

    def csrf(self, path):
        page = self.get(path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        if not match:
            raise SystemExit(f"No CSRF token on {path} (status {page.status})")
        return match.group(1).decode()

    def post(self, path, fields, files=()):
        boundary = "drill" + uuid.uuid4().hex
        parts = []
        for name, value in {"csrfmiddlewaretoken": self.csrf(path), **fields}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, filename, data in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                + data
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self._send("POST", path, body, f"multipart/form-data; boundary={boundary}")


SETUP_STAFF = """
from django.contrib.auth.models import Group
from django.contrib.auth import get_user_model
from core.roles import SCHOOL_STAFF
from disclosures.models import Organization
user, _ = get_user_model().objects.get_or_create(username="drill-staff")
user.is_staff = True
user.set_password({password!r})
user.save()
user.groups.set(Group.objects.filter(name=SCHOOL_STAFF))
print(Organization.objects.filter(staff_group=SCHOOL_STAFF).order_by("pk").first().pk)
"""

CHECK_FILES = """
import json
from pathlib import Path
from django.apps import apps
from django.conf import settings
from django.db import models
from disclosures.models import DisclosureDocument
missing, rows = [], 0
for model in [DisclosureDocument]:
    for f in model._meta.concrete_fields:
        if isinstance(f, models.FileField):
            for name in model.objects.exclude(**{f.name: ""}).values_list(f.name, flat=True):
                rows += 1
                if not (Path(settings.MEDIA_ROOT) / name).is_file():
                    missing.append(name)
print(json.dumps({"documents": DisclosureDocument.objects.count(), "rows_with_files": rows,
                  "missing": missing}))
"""


def pdf(size):
    head = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    return head + b"%" * (size - len(head) - 7) + b"\n%%EOF\n"


def files_under(root):
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


@contextlib.contextmanager
def full_media_disk(media, free_bytes):
    """A real, small filesystem for the media folder: tmpfs (as root), holding a copy of the
    current media, then filled with a ballast file until only `free_bytes` remain.
    Yields (method, ballast path); unmounts and puts the original media back afterwards."""
    keep = media.with_name("media-before-drill")
    shutil.move(media, keep)
    media.mkdir()
    used = sum(p.stat().st_size for p in keep.rglob("*") if p.is_file())
    size_kb = (used + 4 * 1024 * 1024) // 1024
    mounted = subprocess.run(
        ["/usr/bin/mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(media)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        media.rmdir()
        shutil.move(keep, media)
        raise PermissionError(mounted.stderr.strip() or "mount failed")
    try:
        shutil.copytree(keep, media, dirs_exist_ok=True)
        ballast = media / "ballast.bin"
        with open(ballast, "wb") as fh:
            block = b"\0" * (64 * 1024)
            with contextlib.suppress(OSError):
                while shutil.disk_usage(media).free > free_bytes + len(block):
                    fh.write(block)
                    fh.flush()
                fh.write(b"\0" * max(0, shutil.disk_usage(media).free - free_bytes))
        yield ballast
    finally:
        # Keep what the drill stored (its rows point at it); drop the ballast.
        shutil.copytree(
            media, keep, dirs_exist_ok=True, ignore=shutil.ignore_patterns("ballast.bin")
        )
        subprocess.run(["/usr/bin/umount", str(media)], check=False)
        media.rmdir()
        shutil.move(keep, media)


def drill_media_full(cluster, site):
    say("\n=== Drill: the media folder full during a staff upload ===")
    outcome = Outcome("media-full")
    password = secrets.token_urlsafe(16)
    org = site.manage("shell", "-v", "0", "-c", SETUP_STAFF.format(password=password)).strip()
    site.media.mkdir(exist_ok=True)
    add = "/admin/disclosures/disclosuredocument/add/"
    fields = {
        "organization": org,
        "school_year": "2025-2026",
        "basis": "legacy-form",
        "form_number": "05",
        "summary": "",
        "status": "published",
        "published_at_0": "20/09/2025",
        "published_at_1": "08:00:00",
        "replaced_by": "",
    }
    upload = pdf(600 * 1024)
    free = 128 * 1024
    disk = contextlib.nullcontext()
    method = os.environ.get("DRILLS_MEDIA_FULL", "tmpfs")
    if method == "tmpfs":
        try:
            disk = full_media_disk(site.media, free)
            ballast = disk.__enter__()
        except PermissionError as error:
            # Substitute: the kernel's per-process file size limit makes the write fail with
            # EFBIG at the same point a full disk would fail with ENOSPC.
            say(f"  cannot mount a small tmpfs here ({error}): mounting needs root.")
            method = "rlimit"
    if method == "rlimit":
        say(f"  SUBSTITUTE: RLIMIT_FSIZE={free // 1024} KB on gunicorn (writes fail with EFBIG)")

        def limit_file_size():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (free, free))

    def log_in():
        site.start(workers=1, preexec_fn=limit_file_size if method == "rlimit" else None)
        browser = Browser(site.port)
        login = browser.post(
            "/admin/login/?next=/admin/",
            {"username": "drill-staff", "password": password, "next": "/admin/"},
        )
        outcome.expect(f"staff logged in to the admin (status {login.status})", login.status == 302)
        return browser

    try:
        df = shutil.disk_usage(site.media)
        browser = log_in()
        before = json.loads(site.manage("shell", "-v", "0", "-c", CHECK_FILES))
        files_before = files_under(site.media)
        full = browser.post(
            add, {**fields, "title": "Biểu mẫu 05 (đĩa đầy)"}, [("file", "bieu-mau-05.pdf", upload)]
        )
        shown = browser.get(full.headers.get("location", add)) if full.status == 302 else full
        after_full = json.loads(site.manage("shell", "-v", "0", "-c", CHECK_FILES))
        files_after = files_under(site.media)
        if method == "tmpfs":
            ballast.unlink()
        else:
            site.stop()
            method, browser = "rlimit (lifted for the retry)", None
            browser = log_in()
        freed = browser.post(
            add,
            {**fields, "title": "Biểu mẫu 05 (sau khi dọn đĩa)"},
            [("file", "bieu-mau-05.pdf", upload)],
        )
        after_freed = json.loads(site.manage("shell", "-v", "0", "-c", CHECK_FILES))
    finally:
        site.stop()
        disk.__exit__(None, None, None)
    table(
        ["step", "status", "documents", "rows→missing file", "files on disk (+ballast)"],
        [
            [
                "before upload",
                "-",
                before["documents"],
                len(before["missing"]),
                len(files_before),
            ],
            [
                f"upload {len(upload) // 1024} KB, {free // 1024} KB free",
                f"{full.status}→{shown.status}",
                after_full["documents"],
                len(after_full["missing"]),
                len(files_after),
            ],
            [
                "same upload, space freed",
                freed.status,
                after_freed["documents"],
                len(after_freed["missing"]),
                "-",
            ],
        ],
    )
    if method == "tmpfs":
        say(
            f"  media filesystem: tmpfs of {df.total // 1024} KB, "
            f"{df.free // 1024} KB free at upload"
        )
    outcome.expect("no 500: the staff member was sent back to the form", full.status == 302)
    outcome.expect(
        f"the admin page shows the Vietnamese message «…{DISK_FULL_TEXT}…»",
        shown.status == 200 and DISK_FULL_TEXT.encode() in shown.body,
    )
    outcome.expect("no new document row", after_full["documents"] == before["documents"])
    outcome.expect("no row points at a missing file", not after_full["missing"])
    outcome.expect("no half-written file left on the disk", files_after == files_before)
    outcome.expect(
        "with space freed the same upload is stored (row and file)",
        freed.status == 302
        and after_freed["documents"] == before["documents"] + 1
        and not after_freed["missing"],
    )
    outcome.report()
    return outcome


# --- Drill 4: backup and restore --------------------------------------------------------------


def drill_backup_restore(cluster, site):
    say("\n=== Drill: backup, then restore into an empty database ===")
    outcome = Outcome("backup-restore")
    archive = site.workdir / "portal-backup.tar"
    out = site.manage("backup", str(archive))
    say("  " + out.strip())
    cluster.createdb("portal_restored")
    restored_media = site.workdir / "media-restored"
    result = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "restore",
            str(archive),
            "--database-url",
            cluster.url("portal_restored"),
            "--media-root",
            str(restored_media),
        ],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
    )
    lines = result.stdout.strip().splitlines()
    rows = [line for line in lines[1:] if not line.startswith(("files", "Restore"))]
    nonempty = [line for line in rows if line.split()[1:2] != ["0"]]
    say(f"  restored {len(rows)} tables; those with rows:")
    say("\n".join("    " + line for line in [lines[0], *nonempty]))
    say("  " + "\n  ".join(lines[-2:]))
    if result.returncode:
        say(result.stderr)
    outcome.expect(
        "restore check passed (row counts per table, every file present and intact)",
        result.returncode == 0,
    )
    again = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "restore",
            str(archive),
            "--database-url",
            cluster.url("portal_restored"),
            "--media-root",
            str(site.workdir / "other"),
        ],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
    )
    outcome.expect(
        "a second restore over the now non-empty database is refused",
        again.returncode != 0 and "not empty" in again.stderr,
    )
    migrated = subprocess.run(
        [PYTHON, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env={**site.env, "DATABASE_URL": cluster.url("portal_restored")},
        capture_output=True,
        text=True,
    )
    outcome.expect("the restored database is at the current migrations", migrated.returncode == 0)
    outcome.report()
    return outcome


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
