"""The rules "published", "active" and "contactable" are written once, as queryset methods
(and the same rule as a condition for counts across a relation); no module spells them again.

Behaviour is tested where readers and staff meet it (publication, statistics, the survey's
demand); this test keeps a second copy from creeping back in, where it would drift."""

import re
from pathlib import Path

from django.conf import settings

APPS = ("attendance", "classes", "news", "disclosures", "core", "portal", "tienTan_portal")
# A filter on a publication or enrollment status, a publish time compared with now, or the
# survey's consent: the ingredients of the three rules.
RESPELLING = re.compile(
    r"(?:filter|exclude|Q)\([^)]*\bstatus(?:__in)?=[^)]*(?:PUBLISHED|WITHDRAWN|\"published\"|"
    r"\"withdrawn\")"
    r"|published?_at__(?:lte|gt)="
    r"|consent_at__isnull"
    r"|\w+__status="
)
# The homes: the publication rule (core.models.PublishedQuerySet); `contactable` and the
# consent constraint (attendance.models); the disclosure register's `listed` and its
# constraint on withdrawals (disclosures.models). `active` has its home in attendance.models
# too, spelled through Enrollment.INACTIVE.
HOMES = {"core/models.py", "attendance/models.py", "disclosures/models.py"}


def test_the_rules_are_not_spelled_again_outside_their_homes():
    base = Path(settings.BASE_DIR)
    found = []
    for app in APPS:
        for path in (base / app).rglob("*.py"):
            relative = path.relative_to(base).as_posix()
            if "/migrations/" in relative or relative in HOMES:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if RESPELLING.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "use published()/scheduled()/active()/contactable() (or their _q):\n" + (
        "\n".join(found)
    )
