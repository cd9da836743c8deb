import csv
import io
import logging

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from attendance.statistics import compute
from classes.models import Course, Kind
from tests.attendance.factories import EnrollmentFactory, LearnerFactory
from tests.classes.factories import CourseFactory, PartnerFactory, historical_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    """Hand-made records whose figures are worked out below by hand."""
    nghe = PartnerFactory(name="Trung tâm Dạy nghề huyện", short_name="TT Dạy nghề")
    bvtv = PartnerFactory(name="Chi cục Bảo vệ thực vật tỉnh", short_name="Chi cục BVTV")
    a = historical_course(2012, 35, title="Cây cảnh")  # vocational, 35
    a.partners.add(nghe)
    b = historical_course(2013, 33, title="Chăn nuôi lợn")  # vocational, 33
    b.partners.add(nghe, bvtv)
    historical_course(2013, 120, kind=Kind.TECHNICAL, title="Phân bón")  # technical, 120
    # A class with enrollments: they count, not its reported figure (2 women, 1 man).
    c = historical_course(2015, 99, kind=Kind.IT, title="Tin học")
    c.partners.add(bvtv)
    for sex in ("female", "female", "male"):
        EnrollmentFactory(course=c, learner=LearnerFactory(sex=sex))
    EnrollmentFactory(course=c, status="withdrawn", learner=LearnerFactory(sex="male"))
    # Not counted: a draft, and a class that has not started.
    historical_course(2014, 500, status=Course.Status.DRAFT, title="Nháp")
    CourseFactory(title="Lớp sắp mở", reported_learners=40)


def test_figures_match_hand_computed_ones(records):
    f = compute()
    assert (f.classes, f.learners) == (4, 35 + 33 + 120 + 3)
    assert f.by_year == [(2012, 1, 35), (2013, 2, 153), (2014, 0, 0), (2015, 1, 3)]
    assert f.by_kind == [("Dạy nghề", 2, 68), ("Tập huấn kỹ thuật", 1, 120), ("Tin học", 1, 3)]
    assert f.by_partner == [
        ("Chi cục BVTV", 2, 36),
        ("TT Dạy nghề", 2, 68),
        ("Trung tâm tự tổ chức", 1, 120),
    ]
    assert f.by_sex == [("Nữ", 2), ("Nam", 1), ("Chưa ghi nhận", 188)]
    assert compute(1990, 2030).by_year == f.by_year
    span = compute(2013, 2013)
    assert (span.classes, span.learners) == (2, 153)


def test_statistics_page_has_svg_charts_tables_and_no_person(client, records):
    html = client.get("/thong-ke/").content.decode()
    assert html.count("<svg") == 4 and 'aria-hidden="true"' in html
    assert html.count("<table") == 4
    assert "<strong>4</strong> lớp · <strong>191</strong> học viên" in html
    assert "Từ 2012 đến 2015" in html
    html = client.get("/thong-ke/", {"start": "2013", "end": "2013"}).content.decode()
    assert "<strong>2</strong> lớp · <strong>153</strong> học viên" in html


def test_bad_span_gets_a_message(client, records):
    response = client.get("/thong-ke/", {"start": "2019", "end": "2012"})
    assert response.status_code == 200
    assert "Năm đầu không được sau năm cuối" in response.content.decode()
    response = client.get("/thong-ke/", {"start": "<script>"})
    assert response.status_code == 200 and "<script>" not in response.content.decode()


def test_downloads_as_xlsx_and_csv(client, records):
    response = client.get("/thong-ke/tai-ve.xlsx", {"start": 2012, "end": 2015})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == ("Tổng cộng", 4, 191)
    response = client.get("/thong-ke/tai-ve.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert ["Dạy nghề", "2", "68"] in rows
    assert client.get("/thong-ke/tai-ve.pdf").status_code == 404


PARTNER_NOTE = "Ghi chú: Lớp phối hợp với hai đơn vị được tính cho cả hai."


def test_downloads_carry_the_notes_the_page_gives(client, records):
    """The partner table sums to more classes than the total: both downloads say why, in
    Vietnamese, right under that table, as the page does."""
    page = client.get("/thong-ke/").content.decode()
    assert "Lớp phối hợp với hai đơn vị được tính cho cả hai." in page
    ws = load_workbook(io.BytesIO(client.get("/thong-ke/tai-ve.xlsx").content)).active
    xlsx_rows = [tuple(v for v in row if v is not None) for row in ws.iter_rows(values_only=True)]
    text = client.get("/thong-ke/tai-ve.csv").content.decode("utf-8").lstrip("\ufeff")
    csv_rows = [tuple(row) for row in csv.reader(io.StringIO(text))]
    for rows in (xlsx_rows, csv_rows):
        # One cell, so Excel shows the whole sentence across the empty cells beside it.
        at = rows.index((PARTNER_NOTE,))
        assert rows[at - 1][0] == "Trung tâm tự tổ chức"  # the partner table's last row
        assert rows.index(("Đơn vị phối hợp", "Lớp học", "Học viên")) < at
        assert any(str(row[0]).startswith("Ghi chú: “Chưa ghi nhận”") for row in rows if row)
        assert any(str(row[0]).startswith("Ghi chú: Mỗi lớp được tính") for row in rows if row)
    # Still a CSV every reader takes: no comment lines, the figures where they were.
    assert ("Dạy nghề", "2", "68") in csv_rows and not any(r and r[0][0] == "#" for r in csv_rows)


def test_demo_data_reproduces_the_seed_figures(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    f = compute(2012, 2019)
    assert (f.classes, f.learners) == (50, 3554)
    named = {
        c.title: c.reported_learners
        for c in Course.objects.filter(kind=Kind.VOCATIONAL, start_date__year__lte=2019)
    }
    assert sum(v for t, v in named.items() if "cây cảnh" in t) == 70
    assert sum(v for t, v in named.items() if "mộc mỹ nghệ" in t) == 35
    assert sum(v for t, v in named.items() if "may công nghiệp" in t) == 70
    assert sum(v for t, v in named.items() if "chăn nuôi lợn" in t) == 66
    rice = Course.objects.get(title="Dạy nghề trồng lúa")
    assert rice.reported_learners == 35 and "Bảo vệ thực vật" in str(rice.partners.get())
    html = client.get("/").content.decode()
    assert "<strong>50</strong> lớp · <strong>3.554</strong> học viên" in html
    box = html.split('id="box-classes"', 1)[1].split("</section>", 1)[0]
    assert "Tin học cơ bản cho người cao tuổi" in box


def test_statistics_query_count_stays_flat(client, django_assert_max_num_queries):
    def grow(n, year):
        for _ in range(n):
            course = historical_course(year, 30)
            course.partners.add(PartnerFactory())
            EnrollmentFactory(course=course)

    grow(2, 2015)
    with django_assert_max_num_queries(10):
        client.get("/thong-ke/")
    grow(20, 2016)
    with django_assert_max_num_queries(10):
        client.get("/thong-ke/")
    with django_assert_max_num_queries(12):
        client.get("/")


def test_learner_data_never_appears_on_public_pages_feeds_or_logs(client, caplog):
    call_command("load_demo", stdout=io.StringIO())
    course = Course.objects.get(slug="tin-hoc-co-ban-cho-nguoi-cao-tuoi")
    caplog.set_level(logging.DEBUG)
    from tests.attendance.factories import enroll_data

    client.post(
        f"/lop-hoc/{course.slug}/dang-ky/",
        enroll_data(full_name="Hoàng Thị Bí Mật", phone="0977123456", birth_year="1961"),
    )
    secrets = ["Hoàng Thị Bí Mật", "0977123456", "1961", "Nguyễn Văn Thử", "0912000001"]
    pages = [
        "/",
        "/lop-hoc/",
        course.get_absolute_url(),
        "/lop-hoc/lich.ics",
        "/thong-ke/",
        "/thong-ke/tai-ve.csv",
        "/tim-kiem/?q=bi+mat",
        "/tim-kiem/?q=nguyen+van+thu",
        "/robots.txt",
        "/sitemap.xml",
        "/tin-tuc/rss/",
    ]
    for page in pages:
        body = client.get(page).content.decode("utf-8", "replace")
        for secret in secrets:
            assert secret not in body, (page, secret)
    for secret in secrets:
        assert secret not in caplog.text


def test_home_totals_agree_with_the_full_figures(records):
    from attendance.statistics import totals

    t, f = totals(), compute()
    assert (t.classes, t.learners, t.start, t.end) == (f.classes, f.learners, 2012, 2015)
