import datetime
import gzip
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from core.uploads import sniff
from disclosures import compliance
from disclosures.models import DisclosureDocument

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_carries_the_seed_items():
    call_command("load_demo", stdout=io.StringIO())
    count = DisclosureDocument.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert DisclosureDocument.objects.count() == count
    titles = set(DisclosureDocument.objects.values_list("title", flat=True))
    for number in ["05", "09", "10", "11"]:
        assert f"Biểu mẫu công khai {number} năm học 2015-2016" in titles
    assert {
        "Kế hoạch năm học 2015-2016",
        "Sổ cấp phát bằng TNTHCS năm học 2016-2017",
        "Công tác tháng 9/2017",
    } <= titles
    for document in DisclosureDocument.objects.all():
        with document.file.open("rb") as handle:
            assert sniff(handle).ext == "pdf"


def test_demo_2025_2026_set_misses_one_item():
    call_command("load_demo", stdout=io.StringIO())
    calendars = compliance.calendars("2025-2026", today=datetime.date(2026, 7, 5))
    missing = [(c.organization.slug, i.basis) for c in calendars for i in c.items
               if i.state == compliance.MISSING]  # fmt: skip
    published = sum(c.published for c in calendars)
    assert published == 9
    assert missing == [("tthtcd-xa-tien-tan", "tt09-2024-d11")]


@pytest.mark.parametrize(
    "url",
    ["/cong-khai/", "/cong-khai/lich-cong-khai/?nam-hoc=2025-2026", "/", "/tim-kiem/?q=bieu+mau"],
)
def test_disclosure_pages_stay_light_on_a_phone(client, url):
    call_command("load_demo", stdout=io.StringIO())
    response = client.get(url)
    assert response.status_code == 200
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_bytes()
    assert len(gzip.compress(response.content)) + len(gzip.compress(css)) < 50 * 1024
