"""Fail when the Vietnamese catalogue is stale, has an empty or fuzzy entry, or breaks the
wording rules of docs/translation-style.md (scripts/wording.py: voice, spelling, weekdays…),
in the compiled catalogues or in Vietnamese written in the source.

Stale means `makemessages` (run with the arguments given here, as `make messages` runs it) would
add or remove a message. Line wrapping and dates are ignored: only the messages count. The
catalogue is restored afterwards, so running this check never edits the tree.

    python scripts/check_messages.py -l vi --no-location ...
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def keys(catalogue):
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue if not e.obsolete}


def wording_problems():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tienTan_portal.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from scripts import wording

    return wording.catalogue_problems() + wording.source_problems()


def main(argv):
    paths = sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po"))
    if not paths:
        print("Translation check failed: no catalogue under locale/; run `make messages`.")
        return 1
    before = {path: path.read_text(encoding="utf-8") for path in paths}
    times = {path: path.stat().st_mtime_ns for path in paths}
    # First, while the compiled catalogues are newer than the .po files (restoring the .po
    # files below touches them).
    problems = wording_problems()
    try:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", *argv, "--verbosity", "0"],
            cwd=ROOT,
            check=True,
        )
        for path in paths:
            name = path.relative_to(ROOT)
            committed, extracted = polib.pofile(before[path]), polib.pofile(str(path))
            for _ctx, msgid, _plural in sorted(keys(extracted) - keys(committed), key=str):
                problems.append(f"{name}: new source string not in the catalogue: {msgid!r}")
            for _ctx, msgid, _plural in sorted(keys(committed) - keys(extracted), key=str):
                problems.append(f"{name}: catalogue entry no longer in the source: {msgid!r}")
            problems += [f"{name}: fuzzy entry: {e.msgid!r}" for e in committed.fuzzy_entries()]
            problems += [
                f"{name}: untranslated entry: {e.msgid!r}" for e in committed.untranslated_entries()
            ]
    finally:
        for path, text in before.items():
            path.write_text(text, encoding="utf-8")
            # With its time, too: the compiled catalogue stays newer than the restored one.
            os.utime(path, ns=(times[path], times[path]))
    if problems:
        print("\n".join(problems))
        print(
            f"\nTranslation check failed: {len(problems)} problem(s). Run `make messages`, "
            "then translate the new entries in locale/vi/LC_MESSAGES/django.po, as "
            "docs/translation-style.md says."
        )
        return 1
    print(f"Translation check passed: {', '.join(str(p.relative_to(ROOT)) for p in paths)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
