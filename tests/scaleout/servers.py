"""Real servers for the scale-out and deploy tests: redis-server, gunicorn instances, moto's S3
server (nginx: tests/deploy/nginx.py).

Each is started on 127.0.0.1 on a free port, in a temporary folder, and stopped by the caller
(every helper returns something with `stop()`); waiting is always bounded.
"""

import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import connection

# nginx passes the public host name to every instance (`proxy_set_header Host $host`), so all
# of them build the same cache keys and URLs.
PUBLIC_HOST = "tthtcd-tientan.example.vn"
START_TIMEOUT = 30  # seconds for a server to answer after it is started


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


def instance_database_url() -> str:
    """DATABASE_URL of the run, pointed at the database pytest-django created, so servers
    started by a test see the rows it commits (`transaction=True`)."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def production_env(**overrides) -> dict:
    """The environment of a production process: DEBUG off, a key, a host list; no test
    settings. Plain HTTP on loopback stands in for nginx's HTTPS (it sends
    X-Forwarded-Proto: https, as nginx does).

    Its data folder (the default shared cache) is a new temporary one unless the caller gives
    one: the app's own var/cache outlives the test database, and pages cached by an earlier
    run (another database, other static file names) would be served as hits."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.pop("CACHE_URL", None)
    return {
        **base,
        "DJANGO_DATA_DIR": tempfile.mkdtemp(prefix="portal-data."),
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


def start_gunicorn(
    name: str, folder: Path, env: dict, options=("--workers", "1", "--timeout", "30")
) -> tuple[Process, int]:
    """gunicorn on a free loopback port, once /healthz answers. `options` replace the small
    defaults (the deploy test passes the shipped `--config deploy/gunicorn.conf.py`)."""
    port = free_port()
    server = _start(
        name,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tienTan_portal.wsgi:application",
            *options,
            "--bind",
            f"127.0.0.1:{port}",
        ],
        folder,
        env=env,
        cwd=settings.BASE_DIR,
    )
    ready = lambda: Client(port).get("/healthz").status == 200  # noqa: E731
    _wait(ready, f"gunicorn {name}", server.process, server.log)
    return server, port


def set_production_password(user, password):
    """Give a user a password the production instances can check (the test settings hash
    with MD5, which production does not accept)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt())
    user.save(update_fields=["password"])
    return user


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    content: bytes

    @property
    def body(self) -> str:
        return self.content.decode("utf-8", "replace")

    def header(self, name, default=None):
        return self.headers.get(name, default)


# What nginx tells gunicorn about a request (deploy/nginx/snippets/tientan-proxy.conf).
NGINX_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}


@dataclass
class Client:
    """A browser, talking to one instance: it keeps its own cookies (the session cookie is
    `__Host-`/Secure, so no stock cookie jar would send it over the loopback's plain HTTP)
    and sends the public host.

    By default it stands in for a browser behind nginx: plain HTTP to gunicorn, saying itself
    what nginx would (NGINX_HEADERS). Through the real nginx of tests/deploy it speaks TLS
    (`tls`), from a chosen loopback address (`source`, e.g. 127.0.0.2), and sends no such
    header unless a test forges one (`forwarded`)."""

    port: int
    cookies: dict = field(default_factory=dict)
    forwarded: dict = field(default_factory=lambda: dict(NGINX_HEADERS))
    tls: ssl.SSLContext | None = None
    source: str | None = None

    def request(self, method, path, data=None, referer=None, headers=None, body=None) -> Response:
        sent = {"Host": PUBLIC_HOST, **self.forwarded, "User-Agent": "scale-out-test"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            sent["Referer"] = f"https://{PUBLIC_HOST}{referer or path}"
        sent.update(headers or {})
        source = (self.source, 0) if self.source else None
        if self.tls:
            conn = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=30, context=self.tls, source_address=source
            )
        else:
            conn = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=30, source_address=source
            )
        try:
            conn.request(method, path, body=body, headers=sent)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path, headers=None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path, data, referer=None) -> Response:
        return self.request("POST", path, data=data, referer=referer)
