"""What an error report may contain.

A page that fails with an exception mails its traceback to ADMINS (settings.LOGGING). Django's
report lists the values the request posted; the public forms post villagers' names, birth
years and phone numbers, which must never leave the database in a log line or a mail (Law
91/2025/QH15). The field names stay, so the report still says which form failed.
"""

import logging

from django.views.debug import SafeExceptionReporterFilter


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    """Django's filter (settings, cookies and headers with secrets masked), with every posted
    value masked as well, not only those a view marked `sensitive_post_parameters`."""

    def _masked(self, request, values):
        if not self.is_active(request):  # DEBUG: the developer's own test data
            return values
        masked = values.copy()
        for key in masked:
            masked.setlist(key, [self.cleansed_substitute])
        return masked

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return self._masked(request, request.POST)

    def get_cleansed_multivaluedict(self, request, multivaluedict):
        return self._masked(request, multivaluedict)


class UncaughtExceptionFilter(logging.Filter):
    """Only records that carry a traceback: a view that raised (the 500 page). Django also
    logs, without one, the 503 the site answers while PostgreSQL is down, once per request:
    mailing those would send a mail for every visitor of an outage."""

    def filter(self, record):
        return record.exc_info is not None
