"""The site's URLs plus two pages that fail, for the tests of what a failure leaves behind
(the 500 page, the log, the mail to ADMINS). Loaded only by tests: in-process through
`@pytest.mark.urls`, and by the gunicorn of tests/deploy through tests/deploy/settings.py.
The site itself never has such a page."""

from django.db import OperationalError
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from tienTan_portal.urls import urlpatterns as site_urlpatterns

FAILING_PATH = "/thu-nghiem/loi-may-chu/"
DATABASE_DOWN_PATH = "/thu-nghiem/mat-co-so-du-lieu/"


class DeliberateError(RuntimeError):
    pass


@csrf_exempt  # the tests post a form to it, as a villager would post the enrollment form
def fail(request):
    raise DeliberateError("a page failed on purpose, for a test")


def database_down(request):
    raise OperationalError("connection to server on socket failed (a test)")


urlpatterns = [
    path(FAILING_PATH.lstrip("/"), fail),
    path(DATABASE_DOWN_PATH.lstrip("/"), database_down),
    *site_urlpatterns,
]
