"""The shipped systemd units (deploy/systemd), checked by systemd's own tools without a running
systemd: every line of every unit and of the shared drop-in is understood (a misspelt
hardening option would be ignored silently), the hardening applies to every service, and what
the units run exists."""

import re
import shlex
import shutil
import subprocess

import pytest
from django.core.management import get_commands

from tests.deploy.nginx import DEPLOY

UNITS = DEPLOY / "systemd"
SERVICES = ["tientan-web", "tientan-retention", "tientan-backup", "tientan-failed@tientan-web"]
# The units name the install folder of the README; here it does not exist.
NOT_INSTALLED = re.compile(r"Command /srv/tientan/app/\.venv/bin/\S+ is not executable")
# `systemd-analyze security`: 0 is locked down, 10 is no hardening at all; "OK" is up to 3.9.
EXPOSURE_AT_MOST = 2.0


@pytest.fixture(scope="module")
def systemd_analyze():
    binary = shutil.which("systemd-analyze")
    if binary is None:
        pytest.fail("systemd-analyze is missing: apt-get install systemd (.ci/run does)")
    return binary


@pytest.fixture
def installed(tmp_path):
    """The units as the README installs them: in <root>/etc/systemd/system."""
    folder = tmp_path / "etc" / "systemd" / "system"
    shutil.copytree(UNITS, folder)
    return tmp_path, folder


def test_systemd_understands_every_line_of_the_units(systemd_analyze, installed):
    _, folder = installed
    units = sorted(p.name for p in folder.iterdir() if p.suffix in (".service", ".timer"))
    units = [u.replace("@.service", "@tientan-web.service.service") for u in units]
    result = subprocess.run(  # noqa: S603
        [systemd_analyze, "verify", *units],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and not NOT_INSTALLED.search(line)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_hardened(systemd_analyze, installed, service):
    """The shared drop-in (tientan-.service.d/common.conf) applies to each service."""
    root, _ = installed
    result = subprocess.run(  # noqa: S603
        [systemd_analyze, "security", "--offline=true", f"--root={root}", f"{service}.service"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    level = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
    assert level, result.stdout[-2000:] + result.stderr[-2000:]
    assert float(level.group(1)) <= EXPOSURE_AT_MOST, result.stdout


def exec_lines():
    """(unit, command) of every Exec line; a unit may have several ExecStart lines."""
    for path in UNITS.rglob("*.service"):
        for line in path.read_text().splitlines():
            key, _, command = line.partition("=")
            if key.startswith("Exec"):
                yield path.name, command


def test_what_the_units_run_exists():
    commands = get_commands()
    seen = set()
    for unit, line in exec_lines():
        for manage in re.findall(r"manage\.py (\w+)", line):
            assert manage in commands, f"{unit}: manage.py {manage} does not exist"
            seen.add(manage)
        if "gunicorn" in line:
            config = shlex.split(line)[shlex.split(line).index("--config") + 1]
            assert (DEPLOY.parent / config).is_file(), f"{unit}: {config} is missing"
    retention = {"erase_expired_learners", "erase_expired_survey_contacts"}
    assert retention | {"backup", "mail_admins"} <= seen


def test_the_shared_cache_folder_is_one_the_services_may_write():
    """ProtectSystem=strict makes everything read-only but the unit's own folders: the default
    DJANGO_DATA_DIR (var/ in the app) would fail every cached page. The units set it to the
    folder systemd creates for them."""
    common = (UNITS / "tientan-.service.d" / "common.conf").read_text()
    assert "ProtectSystem=strict" in common
    assert re.search(r"^CacheDirectory=tientan$", common, re.M)
    assert re.search(r"^Environment=DJANGO_DATA_DIR=%C/tientan$", common, re.M)
    example = (DEPLOY.parent / ".env.example").read_text()
    # .env (copied from the example) is read after Environment= and would win.
    assert not re.search(r"^DJANGO_DATA_DIR=", example, re.M)
