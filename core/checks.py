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


@checks.register()
def check_app_hooks(app_configs, **kwargs):
    """Every hook an app declares on its AppConfig (core.hooks) names something that exists:
    a typo would otherwise drop a box, a search source or a staff tool without a word."""
    from core.hooks import check_declarations

    return [
        checks.Error(
            f"{label}: {hook} = {value!r} does not resolve ({reason}).",
            hint="Correct the path on the app's AppConfig (see docs/architecture.md).",
            id="core.E002",
        )
        for label, hook, value, reason in check_declarations()
    ]
