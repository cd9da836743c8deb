"""Real servers for the scale-out tests: redis-server, gunicorn instances, moto's S3 server.

Each is started on 127.0.0.1 on a free port, in a temporary folder, and stopped by the caller
(every helper returns something with `stop()`); waiting is always bounded.
"""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.factories import center_staff

# nginx passes the public host name to every instance (`proxy_set_header Host $host`), so all
# of them build the same cache keys and URLs.
PUBLIC_HOST = "tthtcd-tientan.example.vn"
START_TIMEOUT = 30  # seconds for a server to answer after it is started
PASSWORD = "mat-khau-hai-may-chu-2026"


def production_staff(**fields):
    """Center staff with a password the production servers can check (the test settings
    hash with MD5, which production does not accept)."""
    user = center_staff(**fields)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(check, what, process, log: Path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{_tail(log)}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"{what} did not answer within {START_TIMEOUT} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"


@dataclass
class Process:
    name: str
    process: subprocess.Popen
    log: Path

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def log_tail(self) -> str:
        return _tail(self.log)


def _start(name, command, folder: Path, env=None, cwd=None) -> Process:
    log = folder / f"{name}.log"
    handle = log.open("wb")
    process = subprocess.Popen(  # noqa: S603 - fixed commands, no shell
        command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=cwd
    )
    handle.close()
    return Process(name, process, log)


def start_redis(folder: Path) -> tuple[Process, str]:
    """Debian's redis-server on a loopback port, nothing saved to disk. Returns its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is missing: apt-get install redis-server (.ci/run does)")
    port = free_port()
    server = _start(
        "redis",
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        folder,
    )

    def answers():
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    _wait(answers, "redis-server", server.process, server.log)
    return server, f"redis://127.0.0.1:{port}/0"


def start_moto(folder: Path) -> tuple[Process, str]:
    """moto's S3-compatible server (a dev requirement). Returns its endpoint URL."""
    port = free_port()
    server = _start(
        "moto",
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        folder,
        env={**os.environ, "MOTO_ALLOW_NONEXISTENT_REGION": "false"},
    )

    def answers():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        conn.request("GET", "/")
        return conn.getresponse().status < 500

    _wait(answers, "moto server", server.process, server.log)
    return server, f"http://127.0.0.1:{port}"


def production_env(**overrides) -> dict:
    """The environment of a production process: DEBUG off, a key, a host list; no test
    settings. Plain HTTP on loopback stands in for nginx's HTTPS (it sends
    X-Forwarded-Proto: https, as nginx does)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.pop("CACHE_URL", None)
    return {
        **base,
        "DJANGO_SETTINGS_MODULE": "tienTan_portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": PUBLIC_HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_PROXY_COUNT": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        **overrides,
    }


def production_setting(expression, **env):
    """A setting as the production settings module computes it from these variables."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         f"import json; from django.conf import settings; print(json.dumps({expression}))"],
        cwd=settings.BASE_DIR,
        env=production_env(**{"DJANGO_SECRET_KEY": "settings-test", **env}),
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def collectstatic(env: dict):
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if result.returncode != 0:
        raise RuntimeError(f"collectstatic failed:\n{result.stderr[-3000:]}")


def start_gunicorn(name: str, folder: Path, env: dict, workers: int = 1) -> tuple[Process, int]:
    port = free_port()
    server = _start(
        name,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tienTan_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
        ],
        folder,
        env=env,
        cwd=settings.BASE_DIR,
    )
    ready = lambda: Client(port).get("/healthz").status == 200  # noqa: E731
    _wait(ready, f"gunicorn {name}", server.process, server.log)
    return server, port


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def header(self, name, default=None):
        return self.headers.get(name, default)


@dataclass
class Client:
    """A browser behind nginx, talking to one instance: it keeps its own cookies (the
    session cookie is `__Host-`/Secure, so no stock cookie jar would send it over the
    loopback's plain HTTP), sends the public host and says the request came over HTTPS."""

    port: int
    cookies: dict = field(default_factory=dict)

    # The X-Forwarded-For nginx would send: what the client wrote, then the client's address.
    forwarded_for: str = "127.0.0.1"

    def request(self, method, path, data=None, referer=None) -> Response:
        headers = {
            "Host": PUBLIC_HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.forwarded_for,
            "User-Agent": "scale-out-test",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{PUBLIC_HOST}{referer or path}"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read().decode("utf-8", "replace"))
        finally:
            conn.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path) -> Response:
        return self.request("GET", path)

    def post(self, path, data, referer=None) -> Response:
        return self.request("POST", path, data=data, referer=referer)
