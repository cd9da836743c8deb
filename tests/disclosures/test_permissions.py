"""Who may do what in the admin, proven by posting the admin's own forms."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from disclosures.compliance import school_year_of
from disclosures.models import DisclosureDocument
from organizations.models import Organization
from tests.disclosures.factories import (
    ADD_URL,
    DocumentFactory,
    center,
    form_data,
    pdf_bytes,
    school,
    stored_files,
)
from tests.factories import administrator, center_staff, school_staff

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/disclosures/disclosuredocument/"


def change_url(document):
    return f"{CHANGELIST}{document.pk}/change/"


def delete_url(document):
    return f"{CHANGELIST}{document.pk}/delete/"


def change_data(document, **overrides):
    """The change form's fields as the browser posts them back."""
    data = {
        "organization": document.organization_id,
        "school_year": document.school_year,
        "basis": document.basis,
        "form_number": document.form_number,
        "title": document.title,
        "summary": document.summary,
        "status": document.status,
        "published_at_0": document.published_at.astimezone().strftime("%d/%m/%Y"),
        "published_at_1": "08:00:00",
        "replaced_by": document.replaced_by_id or "",
        "withdrawal_reason": document.withdrawal_reason,
    }
    data.update(overrides)
    return data


# (make the user, their organization, the other organization)
STAFF = [
    pytest.param(school_staff, school, center, id="school-staff"),
    pytest.param(center_staff, center, school, id="center-staff"),
]


@pytest.mark.parametrize(("make_user", "own", "other"), STAFF)
def test_staff_see_and_change_only_their_organizations_documents(client, make_user, own, other):
    mine = DocumentFactory(organization=own(), title="Văn bản của đơn vị mình")
    theirs = DocumentFactory(organization=other(), title="Văn bản của đơn vị khác")
    client.force_login(make_user())

    html = client.get(CHANGELIST).content.decode()
    assert "Văn bản của đơn vị mình" in html
    assert "Văn bản của đơn vị khác" not in html

    response = client.post(change_url(mine), change_data(mine, title="Tên mới"))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.title == "Tên mới"

    # The other organization's document does not exist for them: no page, no change.
    assert client.get(change_url(theirs)).status_code == 302
    client.post(change_url(theirs), change_data(theirs, title="Bị sửa"))
    theirs.refresh_from_db()
    assert theirs.title == "Văn bản của đơn vị khác"


@pytest.mark.parametrize(("make_user", "own", "other"), STAFF)
def test_staff_cannot_add_a_document_for_the_other_organization(
    client, make_user, own, other, settings
):
    client.force_login(make_user())
    page = client.get(ADD_URL).content.decode()
    # The organizations offered (the admin's title names the center, as it should).
    form = page.split('name="organization"', 1)[1].split("</select>", 1)[0]
    assert own().name in form and other().name not in form

    upload = SimpleUploadedFile("a.pdf", pdf_bytes())
    response = client.post(ADD_URL, form_data(organization=other().pk, file=upload))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []


def test_add_form_preselects_the_current_school_year_and_the_users_organization(client):
    client.force_login(school_staff())
    response = client.get("/admin/disclosures/disclosuredocument/add/")
    form = response.context["adminform"].form
    assert form.initial["school_year"] == school_year_of(timezone.localdate())
    assert form.initial["organization"] == school().pk


def test_staff_cannot_link_a_replacement_from_the_other_organization(client):
    mine = DocumentFactory(organization=school())
    theirs = DocumentFactory(organization=center())
    client.force_login(school_staff())
    response = client.post(change_url(mine), change_data(mine, replaced_by=theirs.pk))
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.replaced_by is None


def test_staff_cannot_reassign_organizations_to_their_group(client):
    client.force_login(school_staff())
    organization = center()
    url = f"/admin/organizations/organization/{organization.pk}/change/"
    client.post(url, {"name": organization.name, "staff_group": "Cán bộ nhà trường"})
    organization.refresh_from_db()
    assert organization.staff_group == "Cán bộ trung tâm"


@pytest.mark.parametrize("make_user", [school_staff, center_staff, administrator])
def test_nobody_deletes_a_published_document(client, make_user):
    document = DocumentFactory(organization=school())
    client.force_login(make_user())
    assert client.post(delete_url(document), {"post": "yes"}).status_code == 403
    client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [document.pk], "post": "yes"},
    )
    assert DisclosureDocument.objects.filter(pk=document.pk).exists()


def test_an_administrator_deletes_a_draft(client):
    draft = DocumentFactory(status=DisclosureDocument.Status.DRAFT)
    client.force_login(administrator())
    response = client.post(delete_url(draft), {"post": "yes"})
    assert response.status_code == 302
    assert not DisclosureDocument.objects.filter(pk=draft.pk).exists()


def test_staff_do_not_delete_even_drafts(client):
    draft = DocumentFactory(status=DisclosureDocument.Status.DRAFT)
    client.force_login(school_staff())
    assert client.post(delete_url(draft), {"post": "yes"}).status_code == 403
    assert DisclosureDocument.objects.filter(pk=draft.pk).exists()


def test_code_cannot_delete_a_published_document_either():
    document = DocumentFactory()
    with pytest.raises(ValidationError):
        document.delete()
    with pytest.raises(ValidationError):
        DisclosureDocument.objects.all().delete()
    assert DisclosureDocument.objects.count() == 1


def test_only_an_administrator_withdraws_and_needs_a_reason(client):
    document = DocumentFactory(title="Thu, chi tài chính 2025-2026")
    client.force_login(school_staff())
    client.post(change_url(document), change_data(document, status="withdrawn"))
    document.refresh_from_db()
    assert document.status == "published"

    client.force_login(administrator())
    response = client.post(change_url(document), change_data(document, status="withdrawn"))
    assert response.status_code == 200
    assert "Hãy nói rõ lý do thu hồi" in response.content.decode()
    document.refresh_from_db()
    assert document.status == "published"

    reason = "Số liệu chi sai, đã công khai bản đính chính."
    response = client.post(
        change_url(document),
        change_data(document, status="withdrawn", withdrawal_reason=reason),
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "withdrawn" and document.withdrawn_at is not None
    # Still on the public register, with the reason.
    page = client.get(document.get_absolute_url()).content.decode()
    assert reason in page
    assert document.title in client.get("/cong-khai/").content.decode()


def test_a_published_document_cannot_go_back_to_draft(client):
    document = DocumentFactory()
    client.force_login(school_staff())
    response = client.post(change_url(document), change_data(document, status="draft"))
    assert response.status_code == 200
    assert "không thể trở lại bản nháp" in response.content.decode()
    document.refresh_from_db()
    assert document.status == "published"


def test_the_file_of_a_published_document_cannot_be_swapped(client):
    document = DocumentFactory()
    before = (document.file.name, document.file_sha256)
    client.force_login(school_staff())
    other = SimpleUploadedFile("khac.pdf", pdf_bytes("Ban khac"))
    client.post(change_url(document), change_data(document, file=other))
    document.refresh_from_db()
    assert (document.file.name, document.file_sha256) == before
    document.file = SimpleUploadedFile("khac.pdf", pdf_bytes("Ban khac"))
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "file" in error.value.message_dict


def test_school_year_is_checked_in_the_form_and_in_the_database(client):
    document = DocumentFactory()
    client.force_login(school_staff())
    draft = DocumentFactory(status=DisclosureDocument.Status.DRAFT)
    for year, message in [
        ("2015-2017", "Năm sau phải liền sau năm trước: 2015-2016."),
        ("2015/2016", "Hãy ghi năm học là hai năm nối bằng dấu gạch ngang"),
    ]:
        response = client.post(change_url(draft), change_data(draft, school_year=year))
        assert response.status_code == 200
        assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.school_year == "2025-2026"
    for bad in ["2015-2017", "2016-2015", "15-16", "2015/2016"]:
        with pytest.raises(IntegrityError), transaction.atomic():
            DisclosureDocument.objects.filter(pk=document.pk).update(school_year=bad)


def test_the_organization_group_decides_access():
    assert set(Organization.objects.values_list("staff_group", flat=True)) == {
        "Cán bộ nhà trường",
        "Cán bộ trung tâm",
    }
    assert list(Organization.objects.for_user(school_staff())) == [school()]
    assert list(Organization.objects.for_user(center_staff())) == [center()]
    assert Organization.objects.for_user(administrator()).count() == 2


def test_admin_search_ignores_accents_and_filters_by_year(client):
    DocumentFactory(title="Biểu mẫu công khai 05 năm học 2015-2016", school_year="2015-2016")
    DocumentFactory(title="Kế hoạch năm học 2025-2026")
    client.force_login(school_staff())
    html = client.get(CHANGELIST, {"q": "bieu mau"}).content.decode()
    assert "Biểu mẫu công khai 05" in html and "Kế hoạch năm học 2025-2026" not in html
    html = client.get(CHANGELIST, {"school_year": "2025-2026"}).content.decode()
    assert "Kế hoạch năm học 2025-2026" in html and "Biểu mẫu công khai 05" not in html


def test_only_a_published_document_can_be_withdrawn(client):
    draft = DocumentFactory(status=DisclosureDocument.Status.DRAFT)
    client.force_login(administrator())
    response = client.post(
        change_url(draft), change_data(draft, status="withdrawn", withdrawal_reason="Nhầm")
    )
    assert response.status_code == 200
    assert "Chỉ văn bản đã công khai mới thu hồi được." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_form_number_is_only_a_number(client):
    client.force_login(school_staff())
    upload = SimpleUploadedFile("a.pdf", pdf_bytes())
    response = client.post(ADD_URL, form_data(form_number="BM05", file=upload))
    assert response.status_code == 200
    assert "Chỉ ghi số của biểu mẫu, ví dụ 05 hoặc 10a." in response.content.decode()
    assert DisclosureDocument.objects.count() == 0


def test_admin_filters_offer_staff_only_their_organization(client):
    DocumentFactory(organization=school())
    DocumentFactory(organization=center())
    client.force_login(school_staff())
    html = client.get(CHANGELIST).content.decode()
    # One organization: nothing to choose, so no filter (and never the center's).
    assert "organization__id__exact" not in html
    client.force_login(administrator())
    html = client.get(CHANGELIST).content.decode()
    assert f"organization__id__exact={school().pk}" in html
    assert f"organization__id__exact={center().pk}" in html
