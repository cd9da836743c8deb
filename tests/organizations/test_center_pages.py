"""The center's pages (/gioi-thieu/, /gioi-thieu/ban-giam-doc/, /gioi-thieu/doi-tac/,
/lien-he/): composed from the data staff keep in the admin, reachable from every page."""

import re

import pytest
from django.test import Client

from classes.models import Course, Partner
from disclosures.models import DisclosureDocument
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.classes.factories import CourseFactory, PartnerFactory, historical_course
from tests.factories import center_staff
from tests.organizations.center import change_url, person, profile_form

pytestmark = pytest.mark.django_db

CENTER_PAGES = ["/gioi-thieu/", "/gioi-thieu/ban-giam-doc/", "/gioi-thieu/doi-tac/", "/lien-he/"]
PUBLIC_PAGES = [
    "/", "/tin-tuc/", "/lop-hoc/", "/cong-khai/", "/thong-ke/", "/chinh-sach-rieng-tu/",
    "/tim-kiem/?q=lua", *CENTER_PAGES,
]  # fmt: skip


@pytest.fixture
def center():
    ensure_organizations(Organization)
    return Organization.objects.get(kind=Organization.Kind.CENTER)


def nav(html):
    return html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]


def footer(html):
    return html.split('<footer class="site-footer">', 1)[1]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_page_links_the_center_pages_from_header_and_footer(client, url):
    html = client.get(url).content.decode()
    assert re.search(r'href="/gioi-thieu/"[^>]*>Giới thiệu</a>', nav(html))
    assert re.search(r'href="/lien-he/"[^>]*>Liên hệ</a>', nav(html))
    bottom = footer(html)
    for path in CENTER_PAGES:
        assert f'href="{path}"' in bottom, path


@pytest.mark.parametrize("url", CENTER_PAGES)
def test_center_pages_answer_on_an_empty_database_with_a_vietnamese_empty_state(client, url):
    Organization.objects.all().delete()
    Partner.objects.all().delete()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "đang được cập nhật" in html or "Chưa có đơn vị phối hợp" in html
    # The footer falls back to the configured address.
    assert "UBND xã Tiên Tân" in footer(html)


def test_about_page_shows_the_introduction_functions_history_and_computed_record(client, center):
    center.introduction = "<p>Học tập suốt đời cho mọi người dân.</p>"
    center.functions = "<ul><li>Xoá mù chữ</li></ul>"
    center.history = "<p>Thành lập theo Đề án 2012–2020.</p>"
    center.chart_description = "UBND xã chỉ đạo trung tâm."
    center.save()
    historical_course(2012, 3000)
    historical_course(2019, 554)
    html = client.get("/gioi-thieu/").content.decode()
    for text in (
        "Học tập suốt đời cho mọi người dân.",
        "Chức năng, nhiệm vụ, quyền hạn",
        "<li>Xoá mù chữ</li>",
        "Quá trình hình thành và phát triển",
        "Thành lập theo Đề án 2012–2020.",
        "UBND xã chỉ đạo trung tâm.",
        "Từ năm 2012 đến năm 2019",
        "<strong>2</strong> lớp với <strong>3.554</strong> lượt học viên",
        'href="/thong-ke/?start=2012&amp;end=2019"',
    ):
        assert text in html, text


def test_board_page_lists_the_board_first_with_duties_and_public_contacts(client, center):
    person(center, full_name="Cán Bộ Thường", position="Kế toán", is_board=False, order=0)
    person(
        center,
        full_name="Nguyễn Văn Giám Đốc",
        position="Giám đốc",
        concurrent_post="Phó Chủ tịch UBND xã",
        duties="Điều hành chung\nDuyệt kế hoạch",
        phone="0912 345 678",
        email="giamdoc@example.vn",
        order=5,
    )
    person(center, full_name="Trần Thị Phó", position="Phó Giám đốc", order=6)
    html = client.get("/gioi-thieu/ban-giam-doc/").content.decode()
    board, staff = html.split('id="staff"', 1)
    assert board.index("Nguyễn Văn Giám Đốc") < board.index("Trần Thị Phó")
    assert "Cán Bộ Thường" in staff and "Cán Bộ Thường" not in board
    assert "Phó Chủ tịch UBND xã" in board
    assert "<li>Điều hành chung</li><li>Duyệt kế hoạch</li>" in board
    assert 'href="tel:0912345678"' in board
    assert 'href="mailto:giamdoc@example.vn"' in board
    # Nobody gets a contact link they did not publish.
    assert board.count('href="tel:') == 1


def test_what_staff_typed_is_escaped_on_the_board_page(client, center):
    person(center, full_name="<script>alert(1)</script>", duties="<img src=x onerror=alert(1)>")
    html = client.get("/gioi-thieu/ban-giam-doc/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_partners_page_counts_the_published_classes_each_partner_co_ran(client):
    Partner.objects.all().delete()
    nghe = PartnerFactory(
        name="Trung tâm Dạy nghề huyện",
        description="Cùng mở lớp dạy nghề.",
        website="https://daynghe.example.vn",
        phone="0226 3000 111",
        position=1,
    )
    idle = PartnerFactory(name="Hội Cựu chiến binh xã", position=2)
    for year in (2015, 2017):
        historical_course(year, 30).partners.add(nghe)
    historical_course(2016, 30, status=Course.Status.DRAFT).partners.add(nghe)
    CourseFactory().partners.add(nghe)  # starts next week: not held yet
    html = client.get("/gioi-thieu/doi-tac/").content.decode()
    assert html.index(nghe.name) < html.index(idle.name)
    assert "Cùng mở lớp dạy nghề." in html
    assert "Đã cùng mở 2 lớp từ năm 2015" in html
    assert "Chưa cùng mở lớp nào" in html
    assert 'href="https://daynghe.example.vn" rel="noopener noreferrer nofollow"' in html
    assert 'href="tel:02263000111"' in html


def test_contact_page_shows_address_hours_directions_and_a_map_link_without_embedding(
    client, center
):
    center.address = "Nhà văn hoá xã Tiên Tân, xóm 3"
    center.phone = "0226 3851 234"
    center.email = "tthtcd@example.vn"
    center.office_hours = "Thứ Hai đến thứ Sáu\n7:30–11:30"
    center.directions = "Cạnh chợ xã."
    center.map_url = "https://www.openstreetmap.org/#map=17/20.5/105.9"
    center.save()
    person(center, full_name="Nguyễn Văn A", phone="0900 000 001")
    person(center, full_name="Không Công Khai", position="Phó Giám đốc")
    html = client.get("/lien-he/").content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Nhà văn hoá xã Tiên Tân, xóm 3" in main
    assert 'href="tel:02263851234"' in main and 'href="mailto:tthtcd@example.vn"' in main
    assert "Thứ Hai đến thứ Sáu<br>7:30–11:30" in main
    assert "Cạnh chợ xã." in main
    assert 'href="https://www.openstreetmap.org/#map=17/20.5/105.9"' in main
    assert "<iframe" not in html
    # Whom to ask: only board members who published a contact.
    assert "Nguyễn Văn A" in main and "Không Công Khai" not in main


def test_footer_shows_the_centers_contact_from_the_admin_data(client, center, settings):
    settings.SITE_CONTACT = {"address": "Địa chỉ cấu hình", "phone": "", "email": ""}
    center.phone = "0226 3851 234"
    center.email = "tthtcd@example.vn"
    center.save()
    bottom = footer(client.get("/tin-tuc/").content.decode())
    assert "Địa chỉ cấu hình" in bottom  # still empty in the admin: the setting shows
    assert 'href="tel:02263851234"' in bottom
    assert 'href="mailto:tthtcd@example.vn"' in bottom


def test_a_staff_edit_shows_at_once_even_with_the_page_cache_on(client, center, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get("/lien-he/")["X-Page-Cache"] == "miss"
    assert client.get("/tin-tuc/")["X-Page-Cache"] == "miss"
    assert client.get("/lien-he/")["X-Page-Cache"] == "hit"

    staff = Client()
    staff.force_login(center_staff())
    data = profile_form(
        center,
        people=[{"full_name": "Giám Đốc Mới", "position": "Giám đốc", "is_board": "on"}],
        phone="0226 3999 888",
        **{"people-0-order": 0},
    )
    assert staff.post(change_url(center), data).status_code == 302

    contact = client.get("/lien-he/")
    assert contact["X-Page-Cache"] == "miss"
    assert "0226 3999 888" in contact.content.decode()
    assert "0226 3999 888" in footer(client.get("/tin-tuc/").content.decode())
    assert "Giám Đốc Mới" in client.get("/gioi-thieu/ban-giam-doc/").content.decode()


def test_a_partner_edit_shows_at_once_with_the_page_cache_on(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    partner = PartnerFactory(name="Hội Nông dân xã")
    client.get("/gioi-thieu/doi-tac/")
    assert client.get("/gioi-thieu/doi-tac/")["X-Page-Cache"] == "hit"
    partner.description = "Tập huấn kỹ thuật chăn nuôi."
    partner.save()
    assert "Tập huấn kỹ thuật chăn nuôi." in client.get("/gioi-thieu/doi-tac/").content.decode()


def test_the_footer_costs_no_query_once_cached(client, center, django_assert_num_queries):
    client.get("/gioi-thieu/doi-tac/")
    # The partners page itself is one query; the footer's contact comes from the cache.
    with django_assert_num_queries(1):
        client.get("/gioi-thieu/doi-tac/")


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/gioi-thieu/", 4),  # center + people, figures, footer
        ("/gioi-thieu/ban-giam-doc/", 3),  # center + people, footer
        ("/gioi-thieu/doi-tac/", 2),  # partners with counts, footer
        ("/lien-he/", 3),
    ],
)
def test_query_count_does_not_grow_with_people_partners_or_classes(
    client, center, django_assert_max_num_queries, url, budget
):
    for n in range(30):
        person(center, full_name=f"Cán bộ số {n}", is_board=n < 3, phone="0900 000 000")
    for n in range(20):
        partner = PartnerFactory()
        historical_course(2012 + n % 8, 30).partners.add(partner)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_sitemap_lists_the_center_pages(client):
    body = client.get("/sitemap.xml").content.decode()
    for path in CENTER_PAGES:
        assert f"<loc>http://testserver{path}</loc>" in body


def test_center_pages_keep_their_documents_when_the_center_cannot_be_deleted(center):
    # The center's people go with it, but an organization with documents is protected.
    from django.db.models import ProtectedError

    from tests.disclosures.factories import DocumentFactory

    DocumentFactory(organization=center)
    with pytest.raises(ProtectedError):
        center.delete()
    assert DisclosureDocument.objects.filter(organization=center).exists()
