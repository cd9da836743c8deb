"""The demo's made-up people and contact details (issue 15, item 3): marked "Ví dụ" wherever
the site shows them, from a flag on their rows, and never printed or read out."""

import io
import re

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from classes.models import Course
from organizations.demo import PEOPLE, PROFILE
from organizations.models import Organization, Person
from portal import reports
from tests.factories import administrator, center_staff
from tests.organizations.center import change_url, profile_form
from tests.qrdecode import decode_svg, svgs_in

pytestmark = pytest.mark.django_db

MARK = '<span class="example-mark">Ví dụ</span>'
NAMES = [person[0] for person in PEOPLE]
PHONES = [person[5] for person in PEOPLE if person[5]] + [PROFILE["phone"]]
EMAILS = [person[6] for person in PEOPLE if person[6]] + [PROFILE["email"]]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return Organization.objects.get(kind=Organization.Kind.CENTER)


def no_made_up_contact(text):
    return not [v for v in (*NAMES, *PHONES, *EMAILS) if v in text]


def test_the_demo_flags_what_it_made_up_and_says_so(demo):
    out = io.StringIO()
    call_command("load_demo", stdout=out)  # again: idempotent
    assert demo.contact_is_example
    assert sorted(demo.people.values_list("full_name", "is_example")) == sorted(
        (name, True) for name in NAMES
    )
    assert "made up" in out.getvalue() and "Ví dụ" in out.getvalue()


def test_board_and_contact_pages_mark_every_example(client, demo):
    board = client.get("/gioi-thieu/ban-giam-doc/").content.decode()
    for name in NAMES:
        assert f"{name} {MARK}</h3>" in board
    assert 'class="example-note"' in board
    contact = client.get("/lien-he/").content.decode()
    assert f"<strong>{NAMES[0]}</strong> {MARK}" in contact
    assert f"{PROFILE['phone']}</span> {MARK}" in contact
    assert f"{PROFILE['email']}</span> {MARK}" in contact


def test_the_footer_marks_the_example_phone_and_email(client, demo):
    footer = client.get("/").content.decode().split('<footer class="site-footer"', 1)[1]
    assert f"{PROFILE['phone']}</span> {MARK}" in footer
    assert f"{PROFILE['email']}</span> {MARK}" in footer
    privacy = client.get("/chinh-sach-rieng-tu/").content.decode()
    assert f"{PROFILE['phone']} {MARK}" in privacy


def links(html):
    return set(re.findall(r'href="((?:tel|mailto):[^"]*)"', html))


def test_a_made_up_phone_or_email_is_never_a_link_and_a_real_one_is(client, demo):
    """A made-up number may be a real person's: no page offers to call it or write to it."""
    pages = {url: client.get(url).content.decode() for url in ("/", "/gioi-thieu/ban-giam-doc/",
                                                                "/lien-he/")}  # fmt: skip
    assert {url: links(html) for url, html in pages.items()} == {url: set() for url in pages}
    contact = pages["/lien-he/"]
    assert f'<span class="contact-example">{PROFILE["phone"]}</span> {MARK}' in contact
    board = pages["/gioi-thieu/ban-giam-doc/"]
    director = next(p for p in PEOPLE if p[5])
    assert f'<span class="contact-example">Điện thoại: {director[5]}</span>' in board
    # Staff type the real ones: each becomes a link, without the mark.
    person = demo.people.get(full_name=director[0])
    person.is_example = False
    person.save()
    demo.refresh_from_db()
    demo.contact_is_example = False
    demo.save()
    board = client.get("/gioi-thieu/ban-giam-doc/").content.decode()
    phone = director[5].replace(" ", "")
    assert f'<a href="tel:{phone}">Điện thoại: {director[5]}</a>' in board
    contact = client.get("/lien-he/").content.decode()
    assert {f"tel:{PROFILE['phone'].replace(' ', '')}", f"mailto:{PROFILE['email']}"} <= links(
        contact
    )
    assert f"tel:{phone}" in links(contact)


def test_the_mark_comes_from_the_flag_not_from_the_name(client, demo):
    real = demo.people.get(full_name=NAMES[0])
    real.is_example = False
    real.save()
    made_up = Person.objects.create(
        organization=demo, full_name="Đặng Thị Thật", position="Cán bộ", is_example=True
    )
    board = client.get("/gioi-thieu/ban-giam-doc/").content.decode()
    assert f"{real.full_name}</h3>" in board and f"{made_up.full_name} {MARK}</h3>" in board


def test_posters_and_loudspeaker_scripts_never_print_a_made_up_contact(client, demo, settings):
    course = Course.objects.get(slug="tin-hoc-co-ban-cho-nguoi-cao-tuoi")
    kwargs = {"slug": course.slug}
    poster = client.get(reverse("classes:class-poster", kwargs=kwargs)).content.decode()
    printed = poster.split('<article class="poster', 1)[1].split("</article>", 1)[0]
    assert no_made_up_contact(printed) and "Điện thoại" not in printed
    script = client.get(reverse("classes:class-loudspeaker-txt", kwargs=kwargs))
    assert no_made_up_contact(script.content.decode("utf-8-sig"))
    # The QR code and the address under it lead to the class's own page, not "…-demo".
    assert decode_svg(svgs_in(printed)[0]) == [f"http://testserver/lop-hoc/{course.slug}/"]
    # The real number, when the server is given one, is printed instead.
    settings.SITE_CONTACT = {**settings.SITE_CONTACT, "phone": "0226 3851 234"}
    client.get("/")  # (the settings are read on each page)
    poster = client.get(reverse("classes:class-poster", kwargs=kwargs)).content.decode()
    assert "0226 3851 234" in poster.split('<article class="poster', 1)[1]
    script = client.get(reverse("classes:class-loudspeaker-txt", kwargs=kwargs))
    assert "0226 3851 234" in script.content.decode("utf-8-sig")


def test_the_yearly_report_names_no_made_up_person_or_number(client, demo):
    client.force_login(center_staff())
    year = Course.objects.order_by("start_date").first().start_date.year
    html = client.get(f"/quan-ly/bao-cao-nam/{year}/").content.decode()
    report = html.split('<article class="yearly-report"', 1)[1].split("</article>", 1)[0]
    assert no_made_up_contact(report) and "Tiên Tân" in report
    from tests.portal.test_yearly_report import pdf_text

    _pages, text = pdf_text(
        render_to_string(
            "portal/reports/yearly_report.html",
            {"report": reports.build(year), "base_template": "portal/reports/pdf_base.html"},
        )
    )
    assert no_made_up_contact(text) and "Tiên Tân" in text
    # A real board member the staff typed in is named.
    Person.objects.create(
        organization=demo, full_name="Ngô Văn Thật", position="Giám đốc", is_board=True
    )
    assert reports.build(year).centre.board == ["Ngô Văn Thật (Giám đốc)"]


def test_the_published_report_pdf_holds_no_made_up_contact(client, demo):
    client.force_login(administrator())
    year = 2019
    response = client.post(f"/quan-ly/bao-cao-nam/{year}/cong-bo/", {"notes": ""})
    assert response.status_code == 302
    from disclosures.models import Basis, DisclosureDocument

    document = DisclosureDocument.objects.get(basis=Basis.TT09_2024_ART14, school_year="2019-2020")
    with document.file.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(handle).pages)
    assert "2019" in text and no_made_up_contact(text)


def test_typing_the_real_details_over_an_example_clears_its_mark(client, demo):
    """Staff replace the demo's director and the center's phone: those marks go by
    themselves; a person whose duties alone changed is still an example."""
    client.force_login(center_staff())
    director, deputy = demo.people.order_by("order")[:2]
    data = profile_form(demo, phone="0226 3851 234")
    rows = {int(data[f"people-{i}-id"]): i for i in range(demo.people.count())}
    data[f"people-{rows[director.pk]}-full_name"] = "Ngô Văn Thật"
    data[f"people-{rows[deputy.pk]}-duties"] = "Phổ cập giáo dục"
    assert client.post(change_url(demo), data).status_code == 302
    demo.refresh_from_db()
    director.refresh_from_db()
    deputy.refresh_from_db()
    assert not demo.contact_is_example and not director.is_example
    assert deputy.is_example and deputy.duties == "Phổ cập giáo dục"
    # Staff may also untick or tick the box themselves.
    data = profile_form(demo)
    data[f"people-{rows[deputy.pk]}-is_example"] = ""
    assert client.post(change_url(demo), data).status_code == 302
    deputy.refresh_from_db()
    assert not deputy.is_example


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_examples_are_marked_and_the_printed_poster_has_none(
    live_server, phone_page, artifacts_dir
):
    """What a villager sees at 360×740, and what the hamlet head's printer gets."""
    call_command("load_demo", stdout=io.StringIO())
    page = phone_page
    page.goto(live_server.url + "/gioi-thieu/ban-giam-doc/")
    marks = page.locator(".people .example-mark")
    assert marks.count() == len(NAMES) and marks.first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "examples-board-phone.png", full_page=True)
    page.goto(live_server.url + "/lien-he/")
    assert page.locator(".contact-card .example-mark").count() == 2
    page.screenshot(path=artifacts_dir / "examples-contact-phone.png", full_page=True)

    page.goto(live_server.url + "/lop-hoc/tin-hoc-co-ban-cho-nguoi-cao-tuoi/to-roi/")
    pdf = page.pdf(format="A4", print_background=True)
    (artifacts_dir / "examples-poster-printed.pdf").write_bytes(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text)  # (lines wrap where the poster does)
    assert "Tin học cơ bản cho người cao tuổi" in text and no_made_up_contact(text)
    assert "demo" not in text
