"""How far back personal data is kept (DJANGO_LEARNER_RETENTION_YEARS): one date for every app
that erases it (learners in attendance, contacts in the survey)."""

import datetime

from django.utils import timezone


def retention_cutoff(*, years: int, today=None) -> datetime.date:
    """The day `years` years before `today`: data older than this is past retention."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)
