"""Fail when the Vietnamese catalogue is stale, or has an empty or fuzzy entry.

Stale means `makemessages` (run with the arguments given here, as `make messages` runs it)
would change the catalogue other than its creation date. The catalogue is restored afterwards,
so running this check never edits the tree.

    python scripts/check_messages.py -l vi --no-location ...
"""

import difflib
import re
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po"))
VOLATILE = re.compile(r'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)


def main(argv):
    problems = []
    before = {path: path.read_text(encoding="utf-8") for path in CATALOGUES}
    try:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", *argv, "--verbosity", "0"],
            cwd=ROOT,
            check=True,
        )
        for path in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
            after = path.read_text(encoding="utf-8")
            old = VOLATILE.sub("", before.get(path, ""))
            new = VOLATILE.sub("", after)
            if old != new:
                diff = "".join(
                    difflib.unified_diff(
                        old.splitlines(True), new.splitlines(True), "committed", "makemessages"
                    )
                )
                problems.append(f"{path.relative_to(ROOT)} is stale; run `make messages`:\n{diff}")
            catalogue = polib.pofile(str(path))
            problems += [f"fuzzy entry: {e.msgid!r}" for e in catalogue.fuzzy_entries()]
            problems += [
                f"untranslated entry: {e.msgid!r}" for e in catalogue.untranslated_entries()
            ]
    finally:
        for path, text in before.items():
            path.write_text(text, encoding="utf-8")
    if problems:
        print("\n".join(problems))
        print(f"\nTranslation check failed: {len(problems)} problem(s).")
        return 1
    print(f"Translation check passed: {', '.join(str(p.relative_to(ROOT)) for p in CATALOGUES)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
