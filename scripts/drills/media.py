"""Drill 3: the media folder full during an upload (a real, small tmpfs)."""

import contextlib
import http.client
import json
import os
import re
import resource
import secrets
import shutil
import signal
import subprocess
import uuid
from pathlib import Path

from harness import (
    DISK_FULL_TEXT,
    HOST,
    Outcome,
    Response,
    say,
    table,
)

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
from core.models import Center, Membership
from core.roles import SCHOOL_STAFF
from organizations.models import Organization
user, _ = get_user_model().objects.get_or_create(username="drill-staff")
user.is_staff = True
user.set_password({password!r})
user.save()
user.groups.set(Group.objects.filter(name=SCHOOL_STAFF))
# Staff of the first center, the one the drill's host name belongs to.
center = Center.objects.order_by("pk").first()
Membership.objects.update_or_create(user=user, defaults={{"center": center}})
schools = Organization.all_centers.filter(center=center, staff_group=SCHOOL_STAFF)
print(schools.order_by("pk").first().pk)
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
    """A real (empty) PDF of `size` bytes, which the upload checks accept: catalog, page tree,
    cross-reference table and trailer, padded by a comment line after the header."""

    def build(pad):
        out = b"%PDF-1.4\n%" + b"0" * pad + b"\n"
        offsets = []
        for number, body in enumerate(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"], 1
        ):
            offsets.append(len(out))
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        xref = len(out)
        out += b"xref\n0 3\n0000000000 65535 f \n"
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        return out + b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref

    pad = size - len(build(0))
    return build(pad - (len(build(pad)) - size))


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
