"""Debian's nginx as a test fixture, with the site file the project ships.

nginx runs in the foreground from a folder of its own (`nginx -p DIR -c DIR/nginx.conf`), on
loopback ports. What it reads:

- DIR/nginx.conf, the main configuration, written here: Debian's /etc/nginx/nginx.conf with
  the pid file, logs and temporary folders moved into DIR, the brotli module loaded by its full
  path, and only the portal's site included (none of the machine's sites);
- deploy/nginx/tientan.conf, the shipped site: included from the repository, verbatim;
- DIR/snippets/tientan-proxy.conf and DIR/tientan/server-name.conf: links to the shipped
  files, verbatim;
- DIR/tientan/{upstream,listen-http,listen-https,media}.conf, written here. On a server these
  hold what the operator sets (README); for the test: the port of the test's gunicorn, two
  free loopback ports instead of 80 and 443, a self-signed certificate, the test's media folder.

The site resolves `tientan/...` and `snippets/...` against the folder of the main
configuration, /etc/nginx on a server and DIR here: that is the whole substitution.
"""

import getpass
import shutil
import socket
import ssl
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from tests.scaleout import servers

DEPLOY = Path(settings.BASE_DIR) / "deploy"
SITE = DEPLOY / "nginx" / "tientan.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
MISSING = "apt-get install nginx libnginx-mod-http-brotli-filter openssl (.ci/run does)"

MAIN_CONF = """\
# The deploy test's nginx: Debian's nginx.conf, kept inside {dir}.
daemon off;
# Workers read the test's media folder, which only this user may enter (pytest's tmp folders).
user {user};
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log notice;
load_module {brotli};

events {{
    worker_connections 64;
}}

http {{
    # As in Debian's nginx.conf:
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    gzip on;

    access_log {dir}/access.log;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;

    include {site};
}}
"""


@dataclass
class Nginx:
    process: servers.Process
    http_port: int
    https_port: int
    certificate: Path

    def stop(self):
        self.process.stop()

    def tls(self, alpn=("http/1.1",)) -> ssl.SSLContext:
        """A client's TLS settings that trust the test's certificate (the host name is not
        checked: the client connects to 127.0.0.1)."""
        context = ssl.create_default_context(cafile=str(self.certificate))
        context.check_hostname = False
        context.set_alpn_protocols(list(alpn))
        return context

    def client(self, source=None, forwarded=None) -> servers.Client:
        """A browser on HTTPS, from a loopback address of its choice, sending no proxy
        header unless the test forges one."""
        return servers.Client(
            self.https_port, tls=self.tls(), source=source, forwarded=dict(forwarded or {})
        )

    def plain_client(self) -> servers.Client:
        return servers.Client(self.http_port, forwarded={})

    def log_tail(self) -> str:
        return servers._tail(self.process.log.parent / "error.log")


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603
        [
            shutil.which("openssl") or "openssl",
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={servers.PUBLIC_HOST}",
            "-keyout", str(key), "-out", str(certificate),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return certificate, key


def start_nginx(folder: Path, upstream_port: int, media_root: Path) -> Nginx:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists() or not BROTLI_MODULE.exists() or not shutil.which("openssl"):
        raise RuntimeError(f"nginx, its brotli module or openssl is missing: {MISSING}")
    folder.mkdir(parents=True)
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / "tmp" / temp).mkdir(parents=True)
    certificate, key = self_signed_certificate(folder)
    http_port, https_port = servers.free_port(), servers.free_port()

    (folder / "snippets").mkdir()
    (folder / "snippets" / "tientan-proxy.conf").symlink_to(
        DEPLOY / "nginx" / "snippets" / "tientan-proxy.conf"
    )
    facts = folder / "tientan"
    facts.mkdir()
    (facts / "server-name.conf").symlink_to(DEPLOY / "nginx" / "tientan" / "server-name.conf")
    (facts / "upstream.conf").write_text(f"server 127.0.0.1:{upstream_port};\n")
    (facts / "listen-http.conf").write_text(f"listen 127.0.0.1:{http_port};\n")
    (facts / "listen-https.conf").write_text(
        f"listen 127.0.0.1:{https_port} ssl http2;\n"
        f"ssl_certificate {certificate};\nssl_certificate_key {key};\n"
    )
    (facts / "media.conf").write_text(f"alias {media_root}/;\n")
    main = folder / "nginx.conf"
    main.write_text(
        MAIN_CONF.format(dir=folder, user=getpass.getuser(), brotli=BROTLI_MODULE, site=SITE)
    )

    command = [binary, "-p", str(folder), "-c", str(main), "-e", str(folder / "error.log")]
    checked = subprocess.run(  # noqa: S603
        [*command, "-t"], capture_output=True, text=True, timeout=30
    )
    if checked.returncode != 0:
        raise RuntimeError(f"nginx refuses the configuration:\n{checked.stderr}")
    process = servers._start("nginx", command, folder)

    def answers():
        with socket.create_connection(("127.0.0.1", https_port), timeout=1):
            return True

    servers._wait(answers, "nginx", process.process, folder / "error.log")
    return Nginx(process, http_port, https_port, certificate)
