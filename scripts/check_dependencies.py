"""Fail when a dependency is pinned below its security floor, or the lock is not sound.

- requirements.lock pins every runtime package, each with at least one sha256 hash;
- every package pinned in requirements.txt is pinned to the same version in the lock;
- Django, Pillow, gunicorn and pypdf (they read what strangers send: requests, pictures,
  PDFs) are at least the versions in SECURITY_FLOORS.

Raise a floor the day a security release is announced (djangoproject.com/weblog, Pillow's,
gunicorn's and pypdf's release notes), then `make lock`.
"""

import re
import sys
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent

# Reviewed 2026-11-29: the newest release of each, which carries every security fix so far.
SECURITY_FLOORS = {
    "django": "5.2.19",
    "pillow": "13.0.0",
    "gunicorn": "27.0.1",
    "pypdf": "7.1.0",  # reviewed 2026-12-05, when uploads started to be read with it
}


def pins(text: str) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s\\;]+)", text, re.MULTILINE)
    return {name.lower().replace("_", "-"): version for name, version in found}


def lock_entries(text: str) -> dict[str, str]:
    """{package: its block of lines} for a pip-compile --generate-hashes file."""
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    return {
        re.match(r"([A-Za-z0-9_.\-]+)", block).group(1).lower(): block
        for block in blocks
        if re.match(r"[A-Za-z0-9]", block)
    }


def problems(root: Path = ROOT) -> list[str]:
    found = []
    wanted = pins((root / "requirements.txt").read_text())
    lock_text = (root / "requirements.lock").read_text()
    locked = pins(lock_text)
    for name, block in lock_entries(lock_text).items():
        if "--hash=sha256:" not in block:
            found.append(f"requirements.lock: {name} has no hash")
    for name, version in wanted.items():
        if locked.get(name) != version:
            found.append(
                f"requirements.lock pins {name} {locked.get(name, 'nowhere')}, "
                f"requirements.txt {version}: run `make lock`"
            )
    for name, floor in SECURITY_FLOORS.items():
        version = locked.get(name)
        if version is None or Version(version) < Version(floor):
            found.append(f"{name} {version} is older than its security floor {floor}")
    return found


if __name__ == "__main__":
    issues = problems()
    print("\n".join(issues) or "Dependencies: pinned with hashes and at their security floors.")
    sys.exit(1 if issues else 0)
