"""Startup checks: a mistyped setting should stop the deploy, not fail each request."""

from django.conf import settings
from django.core import checks

from core.ratelimit import RATE_SETTINGS, parse_rate


@checks.register(checks.Tags.compatibility)
def check_rate_limits(app_configs, **kwargs):
    errors = []
    for name, variable in RATE_SETTINGS.items():
        try:
            parse_rate(getattr(settings, name, "0"))
        except ValueError as error:
            errors.append(
                checks.Error(
                    str(error),
                    hint=f"Set {variable} to e.g. 10/h, 30/m, 100/d, or 0 for no limit.",
                    id="core.E001",
                )
            )
    return errors
