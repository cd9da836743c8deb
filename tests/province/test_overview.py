"""The province overview at the operator's host (issue 14, item 5): each center's figures as
its own pages give them, only to the operator and the province's accounts, in a fixed number
of queries however many centers there are."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from core.models import Center
from disclosures import compliance
from tests.factories import PASSWORD, center_staff
from tests.province.conftest import (
    LEARNER_NAME,
    OPERATOR,
    SCHOOL_YEAR,
    province_account,
)

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    return client.get(path, params, HTTP_HOST=OPERATOR)


def centers_page(client, year):
    figures = get(client, "/", nam=year).context["figures"]
    return {row.center.pk: (row.classes, row.learners) for row in figures.centers}


def own_statistics(center_host, year):
    """What the center's own /thong-ke/ says for one year, asked at its own host."""
    figures = Client().get("/thong-ke/", {"start": year, "end": year}, HTTP_HOST=center_host)
    figures = figures.context["figures"]
    return (figures.classes, figures.learners)


def test_each_centers_figures_are_those_of_its_own_statistics_page(client, operator, province):
    client.force_login(operator)
    for year in (2023, 2024, 2025):
        shown = centers_page(client, year)
        for center, host in province.hosts.items():
            assert shown[center.pk] == own_statistics(host, year), (center, year)
    # And by hand: the rule of /thong-ke/ (enrollments, else the reported number; drafts out).
    assert centers_page(client, 2024)[province.an_khang.pk] == (2, 3 + 40)
    assert centers_page(client, 2023)[province.an_khang.pk] == (2, 55)
    assert centers_page(client, 2024)[province.cat_tuong.pk] == (1, 70)


def test_the_page_shows_a_table_a_chart_and_totals_for_the_year(client, operator, province):
    client.force_login(operator)
    response = get(client, "/", nam=2024)
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    assert "<strong>4</strong> trung tâm · <strong>4</strong> lớp" in html  # 3 + the first
    assert "<strong>163</strong> học viên" in html  # 43 + 50 + 70
    assert html.count("<svg") == 1 and 'aria-hidden="true"' in html
    assert "http://an-khang.test/thong-ke/?start=2024&amp;end=2024" in html
    by_year = response.context["figures"].by_year
    assert by_year == [(2023, 2, 55), (2024, 4, 163), (2025, 1, 12)]
    assert by_year[1].estimated_learners == 40 and "có ước tính" in html
    # With no year asked, the last year with records.
    assert get(client, "/").context["figures"].year == 2025


def test_the_operator_narrows_to_one_province(client, operator, province):
    client.force_login(operator)
    response = get(client, "/", nam=2024, tinh="Hưng Yên")
    assert [row.center for row in response.context["figures"].centers] == [province.cat_tuong]
    assert response.context["figures"].by_year == [(2024, 1, 70)]


def test_a_province_account_sees_only_its_provinces_centers(client, province):
    client.force_login(province_account("Ninh Bình"))
    for params in ({"nam": 2024}, {"nam": 2024, "tinh": "Hưng Yên"}):
        response = get(client, "/", **params)
        assert response.status_code == 200
        shown = [row.center for row in response.context["figures"].centers]
        assert shown == [province.an_khang, province.binh_minh]
        html = response.content.decode()
        assert "Cát Tường" not in html and "Hưng Yên" not in html
        assert 'name="tinh"' not in html  # no province to choose
    assert response.context["figures"].by_year == [(2023, 2, 55), (2024, 3, 93), (2025, 1, 12)]
    text = get(client, "/tai-ve.csv", nam=2024, tinh="Hưng Yên").content.decode("utf-8")
    assert "Cát Tường" not in text and "An-Khang" in text
    calendar = get(client, "/lich-cong-khai/", tinh="Hưng Yên")
    assert [row.center for row in calendar.context["rows"]] == [
        province.an_khang,
        province.binh_minh,
    ]
    text = get(client, "/lich-cong-khai/tai-ve.csv").content.decode("utf-8")
    assert "Cát Tường" not in text


@pytest.mark.parametrize(
    "path", ["/", "/tai-ve.xlsx", "/tai-ve.csv", "/lich-cong-khai/", "/lich-cong-khai/tai-ve.csv"]
)
def test_anonymous_is_sent_to_the_operators_login_and_back(client, province, path):
    response = get(client, path)
    assert response.status_code == 302
    assert response["Location"] == f"/dang-nhap/?next={path}"


def test_signing_in_at_the_login_page_comes_back_to_the_overview(client, province):
    account = province_account("Ninh Bình")
    login = client.get("/dang-nhap/", {"next": "/lich-cong-khai/"}, HTTP_HOST=OPERATOR)
    assert login.status_code == 200
    response = client.post(
        "/dang-nhap/?next=/lich-cong-khai/",
        {"username": account.username, "password": PASSWORD, "next": "/lich-cong-khai/"},
        HTTP_HOST=OPERATOR,
    )
    assert response.status_code == 302 and response["Location"] == "/lich-cong-khai/"
    assert get(client, "/lich-cong-khai/").status_code == 200
    assert "_auth_user_id" in client.session
    # Signing out, and the admin never opened to it (core: province accounts get no admin).
    assert get(client, "/admin/").status_code == 302
    response = client.post("/dang-xuat/", HTTP_HOST=OPERATOR)
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_center_staff_are_nobody_here(client, province):
    """A center's staff member (signed in at the center) is anonymous at the operator's host."""
    client.force_login(center_staff(center=province.an_khang))
    assert get(client, "/").status_code == 302


def test_the_overview_answers_at_the_operators_host_only(client, operator, province):
    client.force_login(operator)
    for path in ("/tai-ve.csv", "/lich-cong-khai/"):
        assert client.get(path, HTTP_HOST="an-khang.test").status_code == 404
    # The center's own home page, not the overview.
    assert "figures" not in (client.get("/", HTTP_HOST="an-khang.test").context or {})


def test_downloads_hold_the_same_figures(client, operator, province):
    client.force_login(operator)
    page = get(client, "/", nam=2024, tinh="Ninh Bình").context["figures"]
    response = get(client, "/tai-ve.xlsx", nam=2024, tinh="Ninh Bình")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "lop-hoc-2024-ninh-binh-" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:6] == ("Tỉnh", "Trung tâm", "Xã", "Năm", "Lớp học", "Học viên")
    by_name = {row[1]: row[4:6] for row in rows[1:3]}
    assert by_name == {row.center.name: (row.classes, row.learners) for row in page.centers}
    assert by_name["TTHTCĐ xã An-Khang"] == (2, 43)
    assert rows[3][0] == "Tổng cộng" and rows[3][4:6] == (3, 93)

    response = get(client, "/tai-ve.csv", nam=2024, tinh="Ninh Bình")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[1][:6] == ["Ninh Bình", "TTHTCĐ xã An-Khang", "An-Khang", "2024", "2", "43"]
    assert ["2023", "2", "55", "0", "0"] in table  # the per-year table, estimates marked


def _calendar_of_its_own(host):
    """The center's own public disclosure calendar: items per state over its organizations."""
    response = Client().get("/cong-khai/lich-cong-khai/", {"nam-hoc": SCHOOL_YEAR}, HTTP_HOST=host)
    states = [item.state for calendar in response.context["calendars"] for item in calendar.items]
    return {state: states.count(state) for state in ("on-time", "late", "missing", "due")}


def test_the_disclosure_calendar_counts_as_each_centers_own(client, operator, province):
    client.force_login(operator)
    response = get(client, "/lich-cong-khai/", **{"nam-hoc": SCHOOL_YEAR})
    rows = {row.center: row.counts for row in response.context["rows"]}
    for center, host in province.hosts.items():
        assert rows[center] == _calendar_of_its_own(host), center
    # By hand: 10 items a center (5 for the center, 5 for its school).
    a, b = rows[province.an_khang], rows[province.binh_minh]
    assert (a["on-time"], a["late"], a["missing"] + a["due"]) == (3, 1, 6)
    assert (b["on-time"], b["late"], b["missing"] + b["due"]) == (0, 0, 10)
    html = response.content.decode()
    assert html.count("<svg") == 1
    total = response.context["total"].counts
    assert (total["on-time"], total["late"]) == (4, 1)

    sheet = get(client, "/lich-cong-khai/tai-ve.xlsx", **{"nam-hoc": SCHOOL_YEAR})
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[0][4:] == ("Đã công khai đúng hạn", "Công khai muộn", "Còn thiếu", "Chưa đến hạn")
    an_khang = next(row for row in rows if row[1] == province.an_khang.name)
    assert an_khang[3] == SCHOOL_YEAR and an_khang[4:6] == (3, 1) and sum(an_khang[4:]) == 10
    text = get(client, "/lich-cong-khai/tai-ve.csv").content.decode("utf-8")
    assert text.startswith("\ufeff")


def test_bad_filters_get_a_message_and_the_default(client, operator, province):
    client.force_login(operator)
    for params in ({"nam": "<script>"}, {"nam": "1200"}, {"tinh": "Không có tỉnh này"}):
        response = get(client, "/", **params)
        html = response.content.decode()
        assert response.status_code == 200 and "<script>" not in html
        assert "Đang hiển thị giá trị mặc định." in html
        assert response.context["figures"].year == 2025
    response = get(client, "/lich-cong-khai/", **{"nam-hoc": "1990-1991"})
    assert response.status_code == 200
    assert "Đang hiển thị giá trị mặc định." in response.content.decode()
    assert get(client, "/tai-ve.csv", nam="abc").status_code == 200


def test_no_learner_appears_anywhere(client, operator, province):
    client.force_login(operator)
    for path in ("/", "/tai-ve.csv", "/lich-cong-khai/", "/lich-cong-khai/tai-ve.csv"):
        body = get(client, path, nam=2024).content.decode("utf-8")
        assert LEARNER_NAME not in body and "Nguyễn Văn Thử" not in body, path


def more_centers(count):
    """`count` more centers, each with a class, learners, its organizations and a document."""
    from core.tenancy import use_center
    from disclosures.models import Basis
    from tests.province.conftest import (
        at,
        document,
        enrolled_class,
        make_center,
        organizations,
    )

    for n in range(count):
        center = make_center(f"xa-{n}", province="Ninh Bình", host=f"xa-{n}.test")
        with use_center(center):
            enrolled_class(2024, 2)
        center_org, _school = organizations(center)
        document(center_org, Basis.TT09_2024_ART4, at(2025, 10, 1, 8))


@pytest.mark.parametrize(
    "path", ["/", "/tai-ve.xlsx", "/lich-cong-khai/", "/lich-cong-khai/tai-ve.csv"]
)
def test_queries_do_not_grow_with_the_number_of_centers(
    client, province, path, django_assert_max_num_queries
):
    client.force_login(province_account("Ninh Bình"))
    get(client, path, nam=2024)  # the session and the account's row warm up alike
    with CaptureQueriesContext(connection) as three:
        response = get(client, path, nam=2024)
    assert response.status_code == 200
    queries_for_three = len(three)  # now: the next request empties the log it reads
    more_centers(27)
    assert Center.objects.filter(province="Ninh Bình").count() == 29
    # The new rows turned the content version: the footer's contact (a context processor of
    # every page) is read again once, as after any change.
    get(client, path, nam=2024)
    with django_assert_max_num_queries(queries_for_three):
        response = get(client, path, nam=2024)
    assert response.status_code == 200


def test_the_calendar_opens_on_the_year_whose_deadline_passed_last(client, operator, province):
    client.force_login(operator)
    shown = get(client, "/lich-cong-khai/").context["school_year"]
    following = f"{int(shown[:4]) + 1}-{int(shown[:4]) + 2}"
    assert compliance.deadline(shown) < timezone.localdate() <= compliance.deadline(following)
    assert compliance.last_closed_year(datetime.date(2026, 6, 30)) == "2024-2025"
    assert compliance.last_closed_year(datetime.date(2026, 7, 1)) == "2025-2026"


def test_error_pages_at_the_operators_host_are_its_own(client, province):
    """A forged form and a page refused at the operator's host get their Vietnamese page,
    not a server error from a center's layout."""
    strict = client.__class__(enforce_csrf_checks=True)
    response = strict.post("/dang-nhap/", {"username": "x", "password": "y"}, HTTP_HOST=OPERATOR)
    assert response.status_code == 403
    assert "<h1>Chưa gửi được biểu mẫu</h1>" in response.content.decode()
    long_name = {"username": "x" * 200, "password": "y"}
    response = client.post("/dang-nhap/", long_name, HTTP_HOST=OPERATOR)
    assert response.status_code == 400
    assert "<h1>Yêu cầu không hợp lệ</h1>" in response.content.decode()
