"""Drills 1 and 1b: PostgreSQL restarted under load, and PostgreSQL that never answers."""

from harness import (
    HOST,
    OUTAGE_TEXT,
    Outcome,
    kinds,
    load,
    ratio,
    say,
    table,
)

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
