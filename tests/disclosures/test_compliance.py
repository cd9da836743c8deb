"""The disclosure calendar against hand-made data."""

import datetime
import zoneinfo

import pytest

from disclosures import compliance
from disclosures.models import Basis, DisclosureDocument
from tests.disclosures.factories import DocumentFactory, center, school
from tests.factories import center_staff

pytestmark = pytest.mark.django_db

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args):
    return datetime.datetime(*args, tzinfo=TZ)


def uploaded_when_published(**kwargs):
    """A document uploaded on its publish date (the factory's upload time is now)."""
    document = DocumentFactory(**kwargs)
    DisclosureDocument.objects.filter(pk=document.pk).update(created_at=document.published_at)
    return document


def states(calendar):
    return {item.basis: item.state for item in calendar.items}


@pytest.fixture
def school_2025():
    """Article 4 on the last minute of the deadline, 5 a day late, 8 only a draft, 9
    withdrawn, 14 never; plus documents that must not count (other year, other body)."""
    uploaded_when_published(basis=Basis.TT09_2024_ART4, published_at=at(2026, 6, 30, 23, 59))
    uploaded_when_published(basis=Basis.TT09_2024_ART5, published_at=at(2026, 7, 1, 0, 1))
    uploaded_when_published(
        basis=Basis.TT09_2024_ART8,
        status=DisclosureDocument.Status.DRAFT,
        published_at=at(2026, 5, 1, 8),
    )
    uploaded_when_published(
        basis=Basis.TT09_2024_ART9,
        status=DisclosureDocument.Status.WITHDRAWN,
        withdrawal_reason="Nhầm số liệu",
        published_at=at(2026, 5, 1, 8),
    )
    uploaded_when_published(basis=Basis.TT09_2024_ART14, school_year="2024-2025",
                    published_at=at(2025, 6, 1, 8))  # fmt: skip
    uploaded_when_published(basis=Basis.TT09_2024_ART14, organization=center(),
                    published_at=at(2026, 6, 1, 8))  # fmt: skip


def test_each_required_item_is_on_time_late_or_missing(school_2025):
    school_calendar, center_calendar = compliance.calendars(
        "2025-2026", today=datetime.date(2026, 7, 5)
    )
    assert school_calendar.organization == school()
    assert school_calendar.deadline == datetime.date(2026, 6, 30)
    assert states(school_calendar) == {
        "tt09-2024-d4": "on-time",
        "tt09-2024-d5": "late",
        "tt09-2024-d8": "missing",
        "tt09-2024-d9": "missing",
        "tt09-2024-d14": "missing",
    }
    assert (school_calendar.published, school_calendar.late, school_calendar.missing) == (2, 1, 3)
    # The center owes Articles 10 and 11 instead of 8 and 9.
    assert states(center_calendar) == {
        "tt09-2024-d4": "missing",
        "tt09-2024-d5": "missing",
        "tt09-2024-d10": "missing",
        "tt09-2024-d11": "missing",
        "tt09-2024-d14": "on-time",
    }


def test_before_the_deadline_nothing_is_missing_yet(school_2025):
    school_calendar, _ = compliance.calendars("2025-2026", today=datetime.date(2026, 6, 30))
    assert compliance.MISSING not in states(school_calendar).values()
    assert states(school_calendar)["tt09-2024-d8"] == "due"


def test_a_publish_date_typed_in_the_past_does_not_hide_a_late_upload():
    # Uploaded now (after 30/06/2026) with a publish date of May: late.
    DocumentFactory(basis=Basis.TT09_2024_ART4, published_at=at(2026, 5, 2, 8))
    uploaded_when_published(basis=Basis.TT09_2024_ART5, published_at=at(2026, 5, 2, 8))
    school_calendar, _ = compliance.calendars("2025-2026", today=datetime.date(2026, 12, 1))
    assert states(school_calendar)["tt09-2024-d4"] == "late"
    assert states(school_calendar)["tt09-2024-d5"] == "on-time"


def test_calendar_takes_two_queries(django_assert_num_queries, school_2025):
    with django_assert_num_queries(2):
        compliance.calendars("2025-2026")


def test_school_year_and_deadline_rules():
    assert compliance.school_year_of(datetime.date(2026, 7, 31)) == "2025-2026"
    assert compliance.school_year_of(datetime.date(2026, 8, 1)) == "2026-2027"
    assert compliance.deadline("2025-2026") == datetime.date(2026, 6, 30)
    assert compliance.years_to_show(datetime.date(2026, 11, 29)) == [
        "2026-2027",
        "2025-2026",
        "2024-2025",
    ]


def test_public_calendar_page_shows_missing_and_late_items(client, school_2025):
    html = client.get("/cong-khai/lich-cong-khai/?nam-hoc=2025-2026").content.decode()
    assert "Lịch công khai 2025-2026" in html
    assert "30/06/2026" in html
    assert "Đã công khai đúng hạn" in html
    assert "Công khai muộn" in html
    assert "Còn thiếu" in html
    # An unknown year falls back to the current one instead of failing.
    assert client.get("/cong-khai/lich-cong-khai/?nam-hoc=1990-1991").status_code == 200


def test_admin_calendar_shows_staff_only_their_organization(client, school_2025):
    client.force_login(center_staff())
    response = client.get("/admin/disclosures/disclosuredocument/lich-cong-khai/?nam-hoc=2025-2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trung tâm học tập cộng đồng xã Tiên Tân" in html
    assert "Trường THCS Tiên Tân" not in html
    changelist = client.get("/admin/disclosures/disclosuredocument/").content.decode()
    assert "/admin/disclosures/disclosuredocument/lich-cong-khai/" in changelist


def test_admin_calendar_links_a_missing_item_to_a_prefilled_add_form(client):
    client.force_login(center_staff())
    html = client.get(
        "/admin/disclosures/disclosuredocument/lich-cong-khai/?nam-hoc=2025-2026"
    ).content.decode()
    add = (
        f"/admin/disclosures/disclosuredocument/add/?organization={center().pk}"
        "&amp;school_year=2025-2026&amp;basis=tt09-2024-d11"
    )
    assert add in html
    form = client.get(add.replace("&amp;", "&")).context["adminform"].form
    assert form.initial["basis"] == "tt09-2024-d11"
    assert form.initial["school_year"] == "2025-2026"
    assert str(form.initial["organization"]) == str(center().pk)
