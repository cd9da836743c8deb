"""`make bench`: how fast the portal serves its pages, as ratios measured in one run.

Builds a realistic data set in a fresh PostgreSQL database, starts the site in production
mode (gunicorn, DEBUG off, 2 workers, a shared cache), and measures each page with `wrk`
(16 connections, a bounded time, 127.0.0.1 only) next to a static CSS file served by the same
gunicorn. Machines here are shared and noisy, so what counts is each page's rate *as a ratio*
to the static file's rate in the same run, not the absolute numbers.

Two data sets, in the same database one after the other (issue 14, item 6):

1. one center, as the bench has always measured it (scripts/bench_data.py, `build`);
2. the same center with BENCH_CENTERS - 1 more next to it (`build_centers`: each at its own
   host, ~50 articles, 20 classes with sessions, 300 learners, 20 documents).

Every page is asked at the first center's host (`c1.bench.test`, in wrk's Host header) in
both, so the only difference between the two runs is the other centers. For each run: a
Markdown table of requests/s, p50/p99 latency, ratio to the static file, errors, SQL queries
of an uncached render and HTML bytes; then a table comparing the two runs page by page; a
check that the page cache is per host; and the time of a schema change on every tenant table
in both databases. Printed, and written to artifacts/bench.md (everything) and
artifacts/bench-centers.md (the many-centers part).

Exit status 1 when a target is missed: pages >= 0.5 of the static rate, search >= 0.1, zero
errors anywhere; with many centers, a page's ratio more than 10% below its one-center ratio,
more SQL queries than with one center, or a page cache shared between hosts.

Environment: DATABASE_URL (a PostgreSQL server where a `<name>_bench` database may be
created and dropped; `make bench` starts a throwaway one), BENCH_CENTERS (500; 1 measures the
one-center data set only, a small number makes a quick try), BENCH_SECONDS (default 10),
BENCH_CONNECTIONS (16), WEB_CONCURRENCY (2), BENCH_CACHE: `shared` (default: Redis when this
machine has it, else a folder, as several servers would run) or `default` (no CACHE_URL at
all: the site's own default on one server, a folder under DJANGO_DATA_DIR, as the README's
"Deploying on one server" sets it up).
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
CENTERS = int(os.environ.get("BENCH_CENTERS", "500"))
# Where pages are asked: the first center, in both data sets; the second center's host serves
# the page cache check.
HOST, OTHER_HOST = "c1.bench.test", "c2.bench.test"
# With many centers a page's ratio may be this much below its one-center ratio (noise).
CENTERS_TOLERANCE = 0.10
WORKERS = int(os.environ.get("WEB_CONCURRENCY", "2"))
TARGETS = {"search": 0.1}
# Rows measured without a ratio target (errors still fail the run): a search the page cache
# has never seen costs a real ranking in PostgreSQL and a render, see docs/performance.md.
MEASURED_ONLY = {"static CSS", "search, varied words"}
# A wrk script that asks for a different search on every request (so the page cache rarely
# helps): two of these village words at random.
VARIED_SEARCH = """
local words = {"lua", "trong", "lop", "hoc", "tin", "cay", "canh", "moc", "nong", "dan",
  "phap", "luat", "suc", "khoe", "van", "nghe", "the", "thao", "xa", "hoi", "tap", "huan",
  "chan", "nuoi", "ky", "thuat", "may", "cong", "nghiep", "xom"}
request = function()
  local q = words[math.random(#words)] .. "+" .. words[math.random(#words)]
  return wrk.format("GET", "/tim-kiem/?q=" .. q .. "&r=" .. math.random(1000000))
end
"""
DEFAULT_TARGET = 0.5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin(url):
    import psycopg

    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)


def bench_database_url(url, suffix="_bench", template=None):
    """Create `<name><suffix>` next to the given database (a copy of `template` when given,
    which nobody may be connected to); return its URL and name."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + suffix
    admin = _admin(url)
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(
            f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        )
    admin.close()
    return urlunsplit(parts._replace(path="/" + name)), name


def drop_database(admin_url, name):
    admin = _admin(admin_url)
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def use_database(name):
    """Point this process's Django connection at another database of the same server."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def start_cache(tmp):
    """Redis when this machine has it (the production layout), else a shared folder: (a
    function giving data set i's CACHE_URL, the server process, what it is). Each data set has
    its own cache, as each has its own site."""
    server = shutil.which("redis-server")
    try:
        import redis  # noqa: F401
    except ImportError:
        server = None
    if server:
        port = free_port()
        proc = subprocess.Popen(
            [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
             "--appendonly", "no", "--dir", str(tmp)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(50):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        return (lambda i: f"redis://127.0.0.1:{port}/{i + 1}"), proc, "Redis"
    return (lambda i: f"filecache://{tmp / f'cache-{i}'}"), None, "shared folder"


def start_gunicorn(env, workers):
    """gunicorn on a free loopback port, once /healthz answers: (process, base URL). No
    control socket: gunicorn 27 shares one per user (~/.gunicorn/gunicorn.ctl), and stopping
    a bench's site would remove the one of every other gunicorn on the machine."""
    port = free_port()
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "tienTan_portal.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
         "--no-control-socket"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    return process, base


def wrk(url, host, script=None, seconds=SECONDS):
    extra = ["-s", str(script)] if script else []
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Host: {host}",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(pct):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)", out, re.MULTILINE)
        value, unit = float(m.group(1)), m.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(g) for g in m.groups())
    return rate, latency(50), latency(99), errors


def get(base, path, host):
    """GET `path` at `host` on the bench's gunicorn: (status, X-Page-Cache, body text)."""
    request = urllib.request.Request(base + path, headers={"Host": host})
    with urllib.request.urlopen(request, timeout=10) as response:
        return (
            response.status,
            response.headers.get("X-Page-Cache", ""),
            response.read().decode("utf-8", "replace"),
        )


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")):
        sys.exit("DATABASE_URL must name a PostgreSQL server (make bench starts one).")
    tmp = Path(tempfile.mkdtemp(prefix="bench."))
    admin_url = os.environ["DATABASE_URL"]
    db_url, db_name = bench_database_url(admin_url)
    databases = [db_name]
    if os.environ.get("BENCH_CACHE", "shared") == "default":
        cache_url, cache_proc, cache_kind = None, None, "the default (no CACHE_URL)"
    else:
        cache_url, cache_proc, cache_kind = start_cache(tmp)

    def environment(index, url):
        """Data set `index`'s site: its database, its cache, its folders."""
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tienTan_portal.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secret,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": url,
            "DJANGO_DATA_DIR": str(tmp / f"data-{index}"),
            "DJANGO_MEDIA_ROOT": str(tmp / "media"),
            "DJANGO_STATIC_ROOT": str(tmp / "static"),
            "DJANGO_ENROLL_RATE_LIMIT": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        env.pop("CACHE_URL", None)
        if cache_url:
            env["CACHE_URL"] = cache_url(index)
        return env

    secret = secrets.token_urlsafe(50)
    try:
        sets = [(1, db_name, environment(0, db_url))]
        manage = [PYTHON, "manage.py"]
        for args in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([*manage, *args], cwd=ROOT, env=sets[0][2], check=True)
        os.environ.update(sets[0][2])
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connections

        from core.models import Center, CenterHost
        from core.tenancy import use_center
        from scripts.bench_data import build, build_centers

        started = time.monotonic()
        real, first = build()
        center = Center.objects.order_by("pk").first()
        CenterHost.objects.get_or_create(host=HOST, defaults={"center": center})
        analyze()
        print(f"one center built in {time.monotonic() - started:.0f} s; cache: {cache_kind}")
        with use_center(center):
            pages = page_list()
        if CENTERS > 1:
            # The same first center, with the others next to it, in a copy of the database.
            started = time.monotonic()
            connections.close_all()
            url, name = bench_database_url(admin_url, "_bench_centers", template=db_name)
            databases.append(name)
            use_database(name)
            build_centers(CENTERS, real, first)
            analyze()
            sets.append((CENTERS, name, environment(1, url)))
            print(f"{CENTERS - 1} more centers built in {time.monotonic() - started:.0f} s")
        runs = measure(sets, pages, tmp)
    finally:
        if cache_proc:
            cache_proc.terminate()
        from django.db import connections

        connections.close_all()
        for name in databases:
            drop_database(admin_url, name)
        shutil.rmtree(tmp, ignore_errors=True)
    return report(pages, runs, cache_kind)


def analyze():
    """Fresh planner statistics after a bulk load (autovacuum would take its time)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(sets, pages, tmp):
    """Every data set's site side by side, page by page (one site after the other for each
    page, so a machine busy with something else weighs on both alike): rates, facts, the page
    cache check of the many-centers site; then the migration timings, with the sites stopped.
    Returns {number of centers: run}."""
    from django.core.cache import cache

    runs = {}
    for count, name, _env in sets:
        use_database(name)
        cache.clear()  # each render is counted cold
        runs[count] = {"facts": page_facts(pages), "results": {}, "cache check": None}
    cache.clear()  # this process's cache is the first site's: it starts cold
    varied = tmp / "varied-search.lua"
    varied.write_text(VARIED_SEARCH)
    sites = {}
    try:
        for count, _name, env in sets:
            sites[count] = start_gunicorn(env, WORKERS)
            for _page, path in pages:  # warm: first renders fill the page cache
                get(sites[count][1], path, HOST)
        for page, path in pages:
            script = varied if page == "search, varied words" else None
            measured = {count: [] for count in sites}
            for count, seconds in schedule(list(sites)):
                measured[count].append(wrk(sites[count][1] + path, HOST, script, seconds))
            for count, parts in measured.items():
                runs[count]["results"][page] = merged(parts)
        if len(sets) > 1:
            count, name, _env = sets[-1]
            use_database(name)
            runs[count]["cache check"] = page_cache_check(sites[count][1])
    finally:
        for process, _base in sites.values():
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    for count, name, env in sets:
        runs[count]["migrate"] = migrate_seconds(env)
        use_database(name)
        runs[count]["schema change"] = schema_change_seconds()
    return runs


def schedule(counts):
    """wrk's runs for one page: (data set, seconds). Side by side, the one-center site is
    measured half the time before and half after the many-centers one, so a machine growing
    busier or quieter meanwhile weighs on both alike."""
    if len(counts) == 1:
        return [(counts[0], SECONDS)]
    half = max(1, SECONDS // 2)
    return [(counts[0], half), *((count, SECONDS) for count in counts[1:]), (counts[0], half)]


def merged(parts):
    """One result from wrk's runs of a page (each as long): mean rate and latencies, errors."""
    return (
        sum(p[0] for p in parts) / len(parts),
        sum(p[1] for p in parts) / len(parts),
        sum(p[2] for p in parts) / len(parts),
        sum(p[3] for p in parts),
    )


def page_cache_check(base):
    """The page cache is per host: the same path at the first center (cached by the run)
    then at the second is a miss there and shows the second center's name, not the first's.
    Returns (passed, what was seen)."""
    from core.models import Center, CenterHost

    first = Center.objects.get(hosts__host=HOST)
    second = CenterHost.objects.select_related("center").get(host=OTHER_HOST).center
    seen = []
    ok = True
    for host, center, other, expected in (
        (HOST, first, second, "hit"),
        (OTHER_HOST, second, first, "miss"),
        (OTHER_HOST, second, first, "hit"),
    ):
        status, cache_state, body = get(base, "/", host)
        right = status == 200 and cache_state == expected
        right = right and center.name in body and other.name not in body
        ok &= right
        seen.append(
            f"{host}/ → {cache_state or 'no cache'}, {center.name}" + ("" if right else " ✗")
        )
    return ok, seen


def migrate_seconds(env):
    """`manage.py migrate` with nothing to apply: plan, check, post_migrate handlers
    (roles, the first center), in a process of its own as a deploy runs it."""
    started = time.monotonic()
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return time.monotonic() - started


def tenant_models():
    from django.apps import apps

    from core.tenancy import CenterOwned

    by_app = {}
    for model in apps.get_models():
        if issubclass(model, CenterOwned):
            by_app.setdefault(model._meta.app_label, []).append(model)
    return by_app


def schema_change_seconds(rounds=3):
    """A schema change on every tenant table, applied and reversed through Django's migration
    machinery as `migrate` runs it: per app, a migration adding a column to each of its
    tenant tables and setting their row-level security policy again (what a change of the
    fence would do). Rolling back the last real migration is not possible here: reversing a
    `00xx_center` migration puts back the single-center unique names and slugs, which 500
    centers' rows break. The fastest of `rounds` (seconds to apply, to reverse)."""
    from django.db import connection, migrations, models
    from django.db.migrations.executor import MigrationExecutor

    from core.tenancy import policy_sql

    plan = []
    for app_label, models_ in tenant_models().items():
        migration = migrations.Migration("9999_bench_schema_change", app_label)
        policies = [sql for model in models_ for sql in policy_sql(model._meta.db_table)]
        migration.operations = [
            *(
                migrations.AddField(
                    model._meta.model_name,
                    "bench_note",
                    models.CharField(max_length=20, null=True, blank=True),
                )
                for model in models_
            ),
            migrations.RunSQL(policies, reverse_sql=policies),
        ]
        plan.append(migration)
    best = None
    for _ in range(rounds):
        state = MigrationExecutor(connection).loader.project_state()
        before = []
        started = time.monotonic()
        for migration in plan:
            before.append(state.clone())
            with connection.schema_editor(atomic=True) as editor:
                state = migration.apply(state, editor)
        applied = time.monotonic() - started
        started = time.monotonic()
        for migration, prior in zip(reversed(plan), reversed(before), strict=True):
            with connection.schema_editor(atomic=True) as editor:
                migration.unapply(prior, editor)
        reversed_ = time.monotonic() - started
        if best is None or applied + reversed_ < sum(best):
            best = (applied, reversed_)
    return best


def migration_loops():
    """Loops over centers in the project's migration files (schema per table: none)."""
    import ast

    found, files = [], 0
    for path in sorted(ROOT.glob("*/migrations/0*.py")):
        files += 1
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.For | ast.comprehension)
                and "center" in ast.unparse(node.iter).lower()
            ):
                found.append(f"{path.relative_to(ROOT)}: for … in {ast.unparse(node.iter)}")
    return files, found


def page_list():
    from django.templatetags.static import static

    from classes.models import Course
    from news.models import Article

    article = Article.objects.published().order_by("-published_at")[5]
    course = Course.objects.published().order_by("-start_date")[3]
    return [
        ("static CSS", static("css/site.css")),
        ("home", "/"),
        ("news list", "/tin-tuc/"),
        ("article", article.get_absolute_url()),
        ("search", "/tim-kiem/?q=trong+lua"),
        ("search, varied words", "/tim-kiem/?q=nong+dan"),
        ("class list", "/lop-hoc/"),
        ("class page", course.get_absolute_url()),
        ("disclosure register", "/cong-khai/"),
    ]


def page_facts(pages):
    """SQL queries of an uncached render and HTML bytes, per page (Django's test client, at
    the measured center's host). One request first, so the host's lookup (once per process,
    then remembered) is counted in no page."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    client = Client(SERVER_NAME=HOST)
    client.get("/robots.txt")
    facts = {}
    for name, path in pages:
        if name == "static CSS":
            facts[name] = ("-", (ROOT / "static/css/site.css").stat().st_size)
            continue
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        facts[name] = (len(queries), len(response.content))
    return facts


def run_table(pages, run):
    """One run's table: (Markdown lines, whether a target was missed)."""
    results, facts = run["results"], run["facts"]
    static_rate = results["static CSS"][0]
    lines = [
        "| page | req/s | p50 ms | p99 ms | ratio to static | errors | SQL queries | HTML bytes "
        "| target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    failed = False
    for name, _path in pages:
        rate, p50, p99, errors = results[name]
        ratio = rate / static_rate
        target = None if name in MEASURED_ONLY else TARGETS.get(name, DEFAULT_TARGET)
        ok = errors == 0 and (target is None or ratio >= target)
        failed |= not ok
        queries, size = facts[name]
        if target is None:
            verdict = "-" if name == "static CSS" else ("measured" if ok else "ERRORS")
        else:
            verdict = f"≥ {target} {'ok' if ok else 'MISSED'}"
        lines.append(
            f"| {name} | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {ratio:.2f} | {errors} "
            f"| {queries} | {size:,} | {verdict} |"
        )
    return lines, failed


def centers_table(pages, one, many, count):
    """Each page with one center and with `count`, asked at the same center: (lines, failed)."""
    lines = [
        f"| page | req/s, 1 | ratio, 1 | SQL, 1 | req/s, {count} | ratio, {count} "
        f"| SQL, {count} | ratio change | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    failed = False
    static = {n: run["results"]["static CSS"][0] for n, run in ((1, one), (count, many))}
    for name, _path in pages:
        if name == "static CSS":
            continue
        rate1, rate_n = one["results"][name][0], many["results"][name][0]
        ratio1, ratio_n = rate1 / static[1], rate_n / static[count]
        queries1, queries_n = one["facts"][name][0], many["facts"][name][0]
        change = ratio_n / ratio1 - 1
        problems = []
        if change < -CENTERS_TOLERANCE:
            problems.append("slower")
        if queries_n > queries1:
            problems.append("more queries")
        if many["results"][name][3]:
            problems.append("errors")
        failed |= bool(problems)
        lines.append(
            f"| {name} | {rate1:,.0f} | {ratio1:.2f} | {queries1} | {rate_n:,.0f} | {ratio_n:.2f} "
            f"| {queries_n} | {change:+.0%} | {', '.join(problems).upper() or 'ok'} |"
        )
    return lines, failed


def report(pages, runs, cache_kind):
    from django.utils import timezone

    one = runs[1]
    setting = (
        f"{WORKERS} gunicorn workers, {CONNECTIONS} connections, {SECONDS} s per page, "
        f"cache: {cache_kind}, {os.cpu_count()} cores, pages asked at {HOST}"
    )
    day = f"{timezone.localdate():%d/%m/%Y}"
    table, failed = run_table(pages, one)
    everything = [f"Benchmark {day}, one center: {setting}.", "", *table]
    centers = []
    if len(runs) > 1:
        count = max(runs)
        many = runs[count]
        table, missed = run_table(pages, many)
        failed |= missed
        compared, missed = centers_table(pages, one, many, count)
        failed |= missed
        cache_ok, seen = many["cache check"]
        failed |= not cache_ok
        files, loops = migration_loops()
        (apply1, reverse1), (apply_n, reverse_n) = one["schema change"], many["schema change"]
        centers = [
            f"Benchmark {day}, {count} centers: {setting}.",
            "",
            *table,
            "",
            f"One center against {count}: the same center's pages, each measured on the "
            f"two sites in turn (one center {SECONDS // 2} s, {count} centers {SECONDS} s, "
            f"one center {SECONDS // 2} s); a ratio more than {CENTERS_TOLERANCE:.0%} below, "
            "or more queries, fails:",
            "",
            *compared,
            "",
            f"Page cache per host: {'ok' if cache_ok else 'FAILED'} ({'; '.join(seen)}).",
            "",
            f"Migrations: {files} files, loops over centers: {len(loops)}"
            + (f" ({'; '.join(loops)})" if loops else "")
            + ". Schema change on every tenant table (a column added, the row-level "
            f"security policy set again), apply + reverse: {apply1 + reverse1:.2f} s with one "
            f"center, {apply_n + reverse_n:.2f} s with {count} "
            f"(×{(apply_n + reverse_n) / (apply1 + reverse1):.2f}); `manage.py migrate` with "
            f"nothing to apply: {one['migrate']:.1f} s and {many['migrate']:.1f} s "
            f"(×{many['migrate'] / one['migrate']:.2f}).",
        ]
        everything += ["", *centers]
    text = "\n".join(everything)
    print(text)
    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    (out / "bench.md").write_text(text + "\n", encoding="utf-8")
    if centers:
        (out / "bench-centers.md").write_text("\n".join(centers) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
