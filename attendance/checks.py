"""Startup checks: a mistyped rate limit should stop the deploy, not fail each enrollment."""

from django.conf import settings
from django.core import checks

from attendance.ratelimit import parse_rate


@checks.register(checks.Tags.compatibility)
def check_enroll_rate_limit(app_configs, **kwargs):
    try:
        parse_rate(getattr(settings, "ENROLL_RATE_LIMIT", "0"))
    except ValueError as error:
        return [
            checks.Error(
                str(error),
                hint="Set DJANGO_ENROLL_RATE_LIMIT to e.g. 10/h, 30/m, 100/d, or 0 for no limit.",
                id="attendance.E001",
            )
        ]
    return []
