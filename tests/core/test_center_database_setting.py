"""The second fence's key: during a center's request PostgreSQL knows the center
(`portal.center`, read by the row-level security policies), and forgets it afterwards."""

import pytest
from django.db import connection

from core.models import Center, CenterHost
from core.tenancy import GUC

pytestmark = pytest.mark.django_db


def database_center():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [GUC])
        return cursor.fetchone()[0] or ""


@pytest.fixture
def seen(monkeypatch):
    """What the database said the center was, read from inside the home page's request."""
    from portal import views

    seen = []
    original = views.hooks.home_boxes

    def spy(request):
        seen.append(database_center())
        return original(request)

    monkeypatch.setattr(views.hooks, "home_boxes", spy)
    return seen


def test_a_request_tells_the_database_its_center_and_the_setting_is_cleared(client, seen):
    first = Center.objects.get()
    second = Center.objects.create(name="Trung tâm học tập cộng đồng xã Tiên Hải", slug="hai")
    CenterHost.objects.create(center=second, host="tienhai.example.vn", is_primary=True)

    assert client.get("/").status_code == 200
    assert client.get("/", HTTP_HOST="tienhai.example.vn").status_code == 200
    assert seen == [str(first.pk), str(second.pk)]
    assert database_center() == ""  # the test's own queries, after the requests
