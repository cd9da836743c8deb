from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvinceConfig(AppConfig):
    """The province overview at the hosting operator's own host: every center's classes and
    learners per year and its disclosure calendar, for the operator and the province's
    read-only accounts. It composes attendance's statistics and disclosures' calendar and
    owns no data, so the app has no models, and declares no hooks (no center's page shows it)."""

    name = "province"
    verbose_name = _("Province overview")
