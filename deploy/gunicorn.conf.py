"""gunicorn's settings for the portal: used by the systemd unit (systemd/tientan-web.service),
by `make serve` and by the deploy test (tests/deploy), so all three run the same server.
Options given on the command line win over these (`make serve` binds its own port).
"""

import os

wsgi_app = "tienTan_portal.wsgi:application"

# Only nginx talks to gunicorn (nginx/tientan/upstream.conf). Bound explicitly: left unset,
# gunicorn would listen on 0.0.0.0:$PORT whenever PORT is set, as .env.example sets it, and a
# client reaching gunicorn directly could forge the X-Forwarded-For the lock-out trusts.
bind = ["127.0.0.1:8000"]
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# A request still running after this many seconds has its worker killed and restarted; nginx
# then answers its 503 page.
timeout = 30
graceful_timeout = 20

# Errors and tracebacks go to stderr: the journal under systemd (`journalctl -u tientan-web`),
# the terminal under `make serve`. Should errorlog ever be a file (or gunicorn run with
# --daemon), capture_output sends what the app prints to stdout/stderr there too, instead of
# losing it.
errorlog = "-"
capture_output = True
loglevel = "info"
# nginx logs every request already (/var/log/nginx/access.log): no second access log.
accesslog = None

# gunicorn 27's control socket (for `gunicornc`): in systemd's RuntimeDirectory (/run/tientan)
# when run by the unit. Elsewhere none: the default, ~/.gunicorn/gunicorn.ctl, is shared by
# every gunicorn of the user, and stopping one removes the others'.
if os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = os.path.join(os.environ["RUNTIME_DIRECTORY"], "gunicorn.ctl")
else:
    control_socket_disable = True
