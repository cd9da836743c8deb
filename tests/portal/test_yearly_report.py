"""The yearly report (TT 09/2024 Điều 14): figures, HTML, PDF, publishing, who may use it."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from attendance.models import Enrollment
from classes.models import Course, Kind
from disclosures.models import Basis, DisclosureDocument
from organizations.models import Organization, Person
from organizations.seed import ensure_organizations
from portal import reports
from tests.attendance.factories import EnrollmentFactory, LearnerFactory
from tests.classes.factories import CourseFactory, PartnerFactory, historical_course
from tests.disclosures.factories import DocumentFactory, center, school
from tests.factories import center_staff, school_staff

pytestmark = pytest.mark.django_db

YEAR = 2024
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
URL = f"/quan-ly/bao-cao-nam/{YEAR}/"


@pytest.fixture(autouse=True)
def _organizations(db):
    ensure_organizations(Organization)


def past_course(day, kind, partners=(), **kwargs):
    course = CourseFactory(
        start_date=day,
        end_date=day + datetime.timedelta(days=20),
        enrollment_opens=None,
        enrollment_closes=None,
        kind=kind,
        **kwargs,
    )
    course.partners.set(partners)
    return course


def enroll(course, sex, status=Enrollment.Status.CONFIRMED):
    return EnrollmentFactory(course=course, learner=LearnerFactory(sex=sex), status=status)


def at(*args):
    return datetime.datetime(*args, tzinfo=HANOI)


@pytest.fixture
def year_data():
    """2024, computed by hand:
    classes 3: vocational 1 (30 reported), technical 1 (3 learners), IT 1 (1 learner);
    partners: Hội Nông dân xã 2 classes / 4 learners, Hội Phụ nữ xã 1 / 1, the center alone 1 / 30;
    learners 34: women 2, men 2, not recorded 30 (the historical class).
    """
    farmers = PartnerFactory(name="Hội Nông dân xã")
    women = PartnerFactory(name="Hội Phụ nữ xã")
    technical = past_course(datetime.date(YEAR, 3, 1), Kind.TECHNICAL, [farmers])
    enroll(technical, "female")
    enroll(technical, "female")
    enroll(technical, "male")
    enroll(technical, "female", status=Enrollment.Status.WITHDRAWN)  # holds no seat
    it = past_course(datetime.date(YEAR, 9, 1), Kind.IT, [farmers, women])
    enroll(it, "male")
    historical_course(YEAR, 30)  # vocational, no partner, no enrollments
    # Not in 2024: the year before, and a draft class.
    enroll(past_course(datetime.date(YEAR - 1, 12, 31), Kind.TECHNICAL, [farmers]), "male")
    past_course(datetime.date(YEAR, 5, 1), Kind.LAW, status=Course.Status.DRAFT)

    # The center's documents: the year is counted in Vietnamese time.
    DocumentFactory(
        organization=center(),
        title="Kế hoạch hoạt động năm 2024",
        published_at=at(YEAR, 1, 1, 0, 30),
    )
    DocumentFactory(
        organization=center(),
        title="Công khai điều kiện bảo đảm chất lượng",
        basis=Basis.TT09_2024_ART10,
        published_at=at(YEAR, 6, 20, 9),
    )
    DocumentFactory(
        organization=center(), title="Văn bản năm trước", published_at=at(YEAR - 1, 12, 31, 23, 30)
    )
    DocumentFactory(
        organization=center(), title="Văn bản năm sau", published_at=at(YEAR + 1, 1, 1, 8)
    )
    DocumentFactory(organization=school(), title="Văn bản của trường", published_at=at(YEAR, 3, 3))
    DocumentFactory(
        organization=center(),
        title="Bản nháp",
        status=DisclosureDocument.Status.DRAFT,
        published_at=at(YEAR, 4, 4),
    )


def test_figures_match_hand_computed_ones(year_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        report = reports.build(YEAR)
    f = report.figures
    assert (f.classes, f.learners) == (3, 34)
    assert f.by_kind == [
        ("Dạy nghề", 1, 30),
        ("Tập huấn kỹ thuật", 1, 3),
        ("Tin học", 1, 1),
    ]
    assert f.by_partner == [
        ("Hội Nông dân xã", 2, 4),
        ("Hội Phụ nữ xã", 1, 1),
        ("Trung tâm tự tổ chức", 1, 30),
    ]
    assert f.by_sex == [("Nữ", 2), ("Nam", 2), ("Chưa ghi nhận", 30)]
    assert [d.title for d in report.documents] == [
        "Kế hoạch hoạt động năm 2024",
        "Công khai điều kiện bảo đảm chất lượng",
    ]
    assert report.documents[0].published_on == datetime.date(YEAR, 1, 1)
    assert report.school_year == "2024-2025"
    assert (report.period_start, report.period_end) == (
        datetime.date(YEAR, 1, 1),
        datetime.date(YEAR, 12, 31),
    )


def test_general_information_comes_from_the_centers_page_in_the_admin(client):
    center = reports.the_center()
    center.phone = "0226 3777 555"
    center.save()
    Person.objects.create(
        organization=center, full_name="Nguyễn Văn Giám", position="Giám đốc", is_board=True
    )
    Person.objects.create(organization=center, full_name="Trần Thị Kế", position="Kế toán")
    report = reports.build(YEAR)
    assert report.centre.phone == "0226 3777 555"
    assert report.centre.board == ["Nguyễn Văn Giám (Giám đốc)"]
    client.force_login(center_staff())
    html = client.get(URL).content.decode()
    assert "0226 3777 555" in html and "Nguyễn Văn Giám (Giám đốc)" in html
    assert "Trần Thị Kế" not in html


def test_page_shows_the_figures_with_thousands_separators(client, year_data):
    historical_course(YEAR, 1200, kind=Kind.LAW)
    client.force_login(center_staff())
    html = client.get(URL).content.decode()
    assert "BÁO CÁO THƯỜNG NIÊN NĂM 2024" in html
    assert "Từ 01/01/2024 đến 31/12/2024" in html or "01/01/2024" in html
    assert "1.234" in html  # 34 + 1.200 learners
    assert "Hội Phụ nữ xã" in html
    assert "Kế hoạch hoạt động năm 2024" in html
    assert "Văn bản năm trước" not in html and "Văn bản của trường" not in html
    assert "Bản nháp" not in html
    assert "20/06/2024" in html


def test_historical_year_has_reported_learners_only(client):
    historical_course(2015, 35, kind=Kind.VOCATIONAL)
    historical_course(2015, 165, kind=Kind.TECHNICAL)
    report = reports.build(2015)
    assert (report.figures.classes, report.figures.learners) == (2, 200)
    assert report.figures.by_sex == [("Nữ", 0), ("Nam", 0), ("Chưa ghi nhận", 200)]
    client.force_login(center_staff())
    assert client.get("/quan-ly/bao-cao-nam/2015/").status_code == 200


def test_notes_are_escaped_and_shown_as_section_five(client, year_data):
    client.force_login(center_staff())
    notes = "<script>alert(1)</script>\nMở thêm lớp tin học"
    html = client.post(URL, {"notes": notes}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Mở thêm lớp tin học" in html


def test_too_long_notes_get_a_message_and_publish_nothing(client, year_data):
    client.force_login(center_staff())
    response = client.post(URL + "cong-bo/", {"notes": "x" * 3001})
    assert response.status_code == 400
    assert "3000" in response.content.decode() or "3.000" in response.content.decode()
    assert not DisclosureDocument.objects.filter(basis=Basis.TT09_2024_ART14).exists()


def pdf_text(html):
    """The text WeasyPrint lays out on each page (the project has no PDF text extractor)."""
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=reports._fetcher()).render()

    def texts(box):
        if hasattr(box, "text"):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    return len(document.pages), " ".join(t for p in document.pages for t in texts(p._page_box))


def test_pdf_opens_and_holds_the_report(client, year_data):
    client.force_login(center_staff())
    response = client.get(f"/quan-ly/bao-cao-nam/{YEAR}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bao-cao-thuong-nien-2024.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-") and b"%%EOF" in response.content[-64:]
    # The PDF is the same template, laid out by the same engine: check what it prints.
    from django.template.loader import render_to_string

    html = render_to_string(
        "portal/reports/yearly_report.html",
        {"report": reports.build(YEAR), "base_template": "portal/reports/pdf_base.html"},
    )
    pages, text = pdf_text(html)
    assert pages >= 1
    assert "NĂM 2024" in text and "Hội Phụ nữ xã" in text
    assert "Đăng nhập" not in text and "Tải PDF" not in text  # no site chrome, no buttons


def test_pdf_carries_the_notes_posted_with_it(client, year_data):
    client.force_login(center_staff())
    response = client.post(f"/quan-ly/bao-cao-nam/{YEAR}.pdf", {"notes": "Kế hoạch 2025"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_the_pdf_loads_static_files_only():
    data, mime = reports._static_bytes("http://testserver/static/css/site.css")
    assert mime == "text/css" and b"=== reports ===" in data
    for url in (
        "http://example.com/evil.css",
        "file:///etc/passwd",
        "http://testserver/static/../settings.py",
        "http://testserver/static/css/missing.css",
    ):
        with pytest.raises(ValueError):
            reports._static_bytes(url)


def test_publish_creates_one_published_document_with_the_pdf(client, year_data):
    staff = center_staff()
    client.force_login(staff)
    response = client.post(URL + "cong-bo/", {"notes": "Phương hướng năm 2025"})
    document = DisclosureDocument.objects.get(basis=Basis.TT09_2024_ART14)
    assert response.status_code == 302 and response.url == document.get_absolute_url()
    assert document.organization == center()
    assert document.status == DisclosureDocument.Status.PUBLISHED
    assert document.school_year == "2024-2025"
    assert document.title == "Báo cáo thường niên năm 2024"
    assert document.file_type == "pdf" and document.file_size > 1000
    assert len(document.file_sha256) == 64 and document.uploaded_by == staff
    document.file.open("rb")
    assert document.file.read(5) == b"%PDF-"
    document.file.close()
    # Public at once: anyone can read the page and download the file.
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 200
    assert client.get(document.get_download_url()).status_code == 200


def test_publishing_again_replaces_the_previous_report(client, year_data):
    client.force_login(center_staff())
    client.post(URL + "cong-bo/")
    first = DisclosureDocument.objects.get(basis=Basis.TT09_2024_ART14)
    client.post(URL + "cong-bo/", {"notes": "Bản sửa"})
    second = DisclosureDocument.objects.exclude(pk=first.pk).get(basis=Basis.TT09_2024_ART14)
    first.refresh_from_db()
    assert first.replaced_by == second and second.replaced_by is None
    assert first.status == second.status == DisclosureDocument.Status.PUBLISHED  # stays listed
    assert (
        DisclosureDocument.objects.filter(
            basis=Basis.TT09_2024_ART14, replaced_by__isnull=True
        ).count()
        == 1
    )
    # Another year's report is another document, not a replacement.
    client.post(f"/quan-ly/bao-cao-nam/{YEAR - 1}/cong-bo/")
    assert DisclosureDocument.objects.filter(basis=Basis.TT09_2024_ART14).count() == 3
    second.refresh_from_db()
    assert second.replaced_by is None
    # The page says a report was published and links the current one.
    html = client.get(URL).content.decode()
    assert second.get_absolute_url() in html


@pytest.mark.parametrize(
    ("role", "page", "pdf", "publish"),
    [
        ("anonymous", 302, 302, 302),
        ("school", 403, 403, 403),
        ("center", 200, 200, 302),
    ],
)
def test_permissions(client, role, page, pdf, publish):
    if role == "school":
        client.force_login(school_staff())
    elif role == "center":
        client.force_login(center_staff())
    response = client.get(URL)
    assert response.status_code == page
    if role == "anonymous":
        assert response.url.startswith("/admin/login/") or "login" in response.url
    assert client.get("/quan-ly/bao-cao-nam/").status_code == page
    assert client.get(f"/quan-ly/bao-cao-nam/{YEAR}.pdf").status_code == pdf
    assert client.post(URL + "cong-bo/").status_code == publish
    published = DisclosureDocument.objects.filter(basis=Basis.TT09_2024_ART14).count()
    assert published == (1 if role == "center" else 0)


def test_publish_answers_post_only(client):
    client.force_login(center_staff())
    assert client.get(URL + "cong-bo/").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/quan-ly/bao-cao-nam/1800/",
        "/quan-ly/bao-cao-nam/99999/",
        "/quan-ly/bao-cao-nam/1800.pdf",
        "/quan-ly/bao-cao-nam/abc/",
        "/quan-ly/bao-cao-nam/-1/",
        "/quan-ly/bao-cao-nam/2024.5/",
        "/quan-ly/bao-cao-nam/99999999999999999999999/",
    ],
)
def test_bad_years_are_not_found(client, url):
    client.force_login(center_staff())
    assert client.get(url).status_code == 404


def test_next_year_is_not_found_and_nothing_is_published(client):
    client.force_login(center_staff())
    future = timezone.localdate().year + 1
    assert client.get(f"/quan-ly/bao-cao-nam/{future}/").status_code == 404
    assert client.post(f"/quan-ly/bao-cao-nam/{future}/cong-bo/").status_code == 404
    assert client.post("/quan-ly/bao-cao-nam/1800/cong-bo/").status_code == 404
    assert not DisclosureDocument.objects.filter(basis=Basis.TT09_2024_ART14).exists()


def test_year_picker_lists_years_from_the_first_class(client):
    historical_course(2012, 40)
    client.force_login(center_staff())
    html = client.get("/quan-ly/bao-cao-nam/").content.decode()
    this_year = timezone.localdate().year
    assert f"/quan-ly/bao-cao-nam/{this_year}/" in html
    assert "/quan-ly/bao-cao-nam/2012/" in html
    assert "/quan-ly/bao-cao-nam/2011/" not in html


def test_generated_file_goes_through_the_upload_checks(settings):
    from django.core.exceptions import ValidationError

    from disclosures.services import document_publish_generated
    from tests.disclosures.factories import stored_files

    with pytest.raises(ValidationError):
        document_publish_generated(
            organization=center(),
            title="Báo cáo thường niên năm 2024",
            school_year="2024-2025",
            basis=Basis.TT09_2024_ART14,
            pdf_bytes=b"<html>not a pdf</html>",
            file_name="bao-cao-thuong-nien-2024.pdf",
            user=center_staff(),
        )
    assert not DisclosureDocument.objects.exists()
    assert stored_files(settings) == []


def test_a_year_still_running_can_be_read_but_not_published(client):
    this_year = timezone.localdate().year
    client.force_login(center_staff())
    page = client.get(f"/quan-ly/bao-cao-nam/{this_year}/").content.decode()
    assert "Năm chưa kết thúc" in page
    assert "cong-bo" not in page
    response = client.post(f"/quan-ly/bao-cao-nam/{this_year}/cong-bo/", {"notes": ""})
    assert response.status_code == 302
    assert not DisclosureDocument.objects.filter(basis=Basis.TT09_2024_ART14).exists()
    assert "khi năm đã kết thúc" in client.get(response.url).content.decode()
