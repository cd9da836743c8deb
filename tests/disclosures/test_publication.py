"""Issue 15 item 4: a document starts as a draft, staff preview its public page, and its first
publication is confirmed on a page of its own, from the form and from the list alike."""

import datetime
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from disclosures import compliance
from disclosures.models import Basis, DisclosureDocument
from disclosures.services import documents_publish
from tests.disclosures.factories import (
    ADD_URL,
    DocumentFactory,
    center,
    form_data,
    pdf_bytes,
    school,
)
from tests.disclosures.test_permissions import CHANGELIST, change_data, change_url
from tests.factories import UserFactory, administrator, center_staff, school_staff

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = DisclosureDocument.Status.DRAFT, DisclosureDocument.Status.PUBLISHED
WARNING = "Sau khi công bố, văn bản không thể xóa"

# (make the user, their organization, the other organization)
STAFF = [
    pytest.param(school_staff, school, center, id="school-staff"),
    pytest.param(center_staff, center, school, id="center-staff"),
]


def preview_url(document):
    return f"{CHANGELIST}{document.pk}/preview/"


def publish_url(document):
    return f"{CHANGELIST}{document.pk}/publish/"


def confirm(*documents):
    """What the confirmation page posts back when staff press "Có, công bố"."""
    return {
        "action": "publish_selected",
        "_selected_action": [d.pk for d in documents],
        "post": "yes",
    }


def is_public(client, document):
    client.logout()
    listed = document.title in client.get("/cong-khai/").content.decode()
    page = client.get(document.get_absolute_url()).status_code
    return listed and page == 200


@pytest.mark.parametrize(("make_user", "own", "other"), STAFF)
def test_the_add_form_starts_as_a_draft(client, make_user, own, other):
    assert DisclosureDocument().status == DRAFT
    client.force_login(make_user())
    form = client.get(ADD_URL).context["adminform"].form
    assert form["status"].value() == DRAFT
    # Saved as the form comes, the document stays with staff.
    upload = SimpleUploadedFile("a.pdf", pdf_bytes())
    data = form_data(organization=own().pk, file=upload, status=DRAFT)
    assert client.post(ADD_URL, data).status_code == 302
    document = DisclosureDocument.objects.get()
    assert document.status == DRAFT
    assert not is_public(client, document)


@pytest.mark.parametrize(("make_user", "own", "other"), STAFF)
def test_publishing_from_the_add_form_asks_first_and_publishes_on_confirmation(
    client, make_user, own, other
):
    client.force_login(make_user())
    upload = SimpleUploadedFile("a.pdf", pdf_bytes())
    response = client.post(ADD_URL, form_data(organization=own().pk, file=upload))
    document = DisclosureDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == publish_url(document)
    # Kept, file and all, but not published.
    assert document.status == DRAFT and document.file_type == "pdf"
    assert document.first_published_at is None

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "lưu thành bản nháp" in html and WARNING in html and "Công bố?" in html
    assert preview_url(document) in html
    document.refresh_from_db()
    assert document.status == DRAFT

    response = client.post(CHANGELIST, confirm(document))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == PUBLISHED and document.first_published_at is not None
    assert document.updated_by.groups.filter(name=own().staff_group).exists()
    assert is_public(client, document)


def test_publishing_a_draft_from_its_change_form_asks_first(client):
    draft = DocumentFactory(status=DRAFT, title="Kế hoạch năm học 2025-2026")
    client.force_login(school_staff())
    response = client.post(change_url(draft), change_data(draft, status=PUBLISHED))
    assert response.status_code == 302 and response["Location"] == publish_url(draft)
    draft.refresh_from_db()
    assert draft.status == DRAFT
    # A change made along the way is kept.
    response = client.post(
        change_url(draft), change_data(draft, title="Kế hoạch (sửa)", status=PUBLISHED)
    )
    draft.refresh_from_db()
    assert draft.title == "Kế hoạch (sửa)" and draft.status == DRAFT

    client.post(CHANGELIST, confirm(draft))
    draft.refresh_from_db()
    assert draft.status == PUBLISHED


def test_editing_a_published_document_needs_no_new_confirmation(client):
    document = DocumentFactory(title="Thu chi 2025-2026")
    client.force_login(school_staff())
    response = client.post(change_url(document), change_data(document, title="Thu chi (bản đủ)"))
    assert response.status_code == 302 and response["Location"] == CHANGELIST
    document.refresh_from_db()
    assert document.title == "Thu chi (bản đủ)" and document.status == PUBLISHED


@pytest.mark.parametrize(("make_user", "own", "other"), STAFF)
def test_the_list_action_asks_before_publishing(client, make_user, own, other):
    first = DocumentFactory(status=DRAFT, organization=own(), title="Bản nháp một")
    second = DocumentFactory(status=DRAFT, organization=own(), title="Bản nháp hai")
    theirs = DocumentFactory(status=DRAFT, organization=other(), title="Nháp đơn vị khác")
    client.force_login(make_user())
    chosen = {"action": "publish_selected", "_selected_action": [first.pk, second.pk]}
    page = client.post(CHANGELIST, chosen)
    html = page.content.decode()
    assert page.status_code == 200
    assert WARNING in html and "Bản nháp một" in html and "Bản nháp hai" in html
    assert DisclosureDocument.objects.filter(status=PUBLISHED).count() == 0

    # The other organization's draft is not theirs to publish, even by posting its id.
    client.post(CHANGELIST, confirm(first, second, theirs))
    assert set(DisclosureDocument.objects.filter(status=PUBLISHED)) == {first, second}
    theirs.refresh_from_db()
    assert theirs.status == DRAFT


def test_the_confirmation_page_says_when_readers_will_see_a_scheduled_document(client):
    later = timezone.now() + datetime.timedelta(days=3)
    draft = DocumentFactory(status=DRAFT, published_at=later)
    client.force_login(school_staff())
    html = client.get(publish_url(draft)).content.decode()
    assert "Bà con xem được từ " + timezone.localtime(later).strftime("%H:%M %d/%m/%Y") in html


def test_the_confirmation_page_of_a_published_document_leads_back_to_it(client):
    document = DocumentFactory()
    client.force_login(school_staff())
    response = client.get(publish_url(document))
    assert response.status_code == 302 and response["Location"] == change_url(document)


@pytest.mark.parametrize(("make_user", "own", "other"), STAFF)
def test_staff_preview_their_drafts_public_page(client, settings, make_user, own, other):
    settings.PAGE_CACHE_SECONDS = 600
    draft = DocumentFactory(
        status=DRAFT, organization=own(), title="Công khai thu, chi năm học 2025-2026"
    )
    client.force_login(make_user())
    change = client.get(change_url(draft)).content.decode()
    assert preview_url(draft) in change and publish_url(draft) in change

    response = client.get(preview_url(draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xem trước" in html and "Chưa công bố: bà con chưa xem được trang này." in html
    assert "<h1>Công khai thu, chi năm học 2025-2026</h1>" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    # Its download is the draft's file, for staff.
    download = f"{preview_url(draft)}file/"
    assert f'href="{download}"' in html and draft.get_download_url() not in html
    body = b"".join(client.get(download).streaming_content)
    assert body == draft.file.open("rb").read()

    # Readers see nothing: no page, no file, not even what staff were just shown.
    client.logout()
    for url in (preview_url(draft), download):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("make_user", "own", "other"), STAFF)
def test_staff_cannot_preview_the_other_organizations_drafts(client, make_user, own, other):
    theirs = DocumentFactory(status=DRAFT, organization=other(), title="Nháp của đơn vị khác")
    client.force_login(make_user())
    for url in (preview_url(theirs), f"{preview_url(theirs)}file/", publish_url(theirs)):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Nháp của đơn vị khác" not in response.content.decode()


def test_staff_without_the_disclosure_role_cannot_preview(client):
    draft = DocumentFactory(status=DRAFT, title="Nháp riêng")
    client.force_login(UserFactory(username="khong-quyen"))  # staff, in no group
    response = client.get(preview_url(draft))
    assert response.status_code in (403, 404)
    assert "Nháp riêng" not in response.content.decode()


def test_an_administrator_previews_any_draft(client):
    draft = DocumentFactory(status=DRAFT, organization=center())
    client.force_login(administrator())
    assert client.get(preview_url(draft)).status_code == 200


TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_draft_published_after_the_deadline_counts_as_late():
    """A draft uploaded in time but published after 30 June is late in the calendar."""
    on_time = datetime.datetime(2025, 5, 2, 8, tzinfo=TZ)
    draft = DocumentFactory(
        status=DRAFT, basis=Basis.TT09_2024_ART4, school_year="2024-2025", published_at=on_time
    )
    DisclosureDocument.objects.filter(pk=draft.pk).update(created_at=on_time)
    documents_publish(documents=[draft], user=school_staff())
    [calendar] = compliance.calendars("2024-2025", [school()])
    states = {item.basis: item.state for item in calendar.items}
    assert states[Basis.TT09_2024_ART4] == compliance.LATE


def test_a_draft_publishes_only_once():
    draft = DocumentFactory(status=DRAFT)
    published, refused = documents_publish(documents=[draft], user=school_staff())
    assert published == [draft] and refused == []
    first = DisclosureDocument.objects.get(pk=draft.pk).first_published_at
    assert documents_publish(documents=[draft], user=school_staff()) == ([], [])
    assert DisclosureDocument.objects.get(pk=draft.pk).first_published_at == first


def test_the_yearly_report_page_says_what_publishing_means(client):
    """The report's own publish button (one step: the page is the preview, see the README)
    states the same rule next to it."""
    client.force_login(center_staff())
    html = client.get("/quan-ly/bao-cao-nam/2024/").content.decode()
    assert "Công bố thành văn bản công khai" in html
    assert WARNING in html
