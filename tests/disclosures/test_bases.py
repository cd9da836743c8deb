"""Issue 15 item 10: staff are offered only the legal bases of their organization's kind
(TT 09/2024: a school Articles 4, 5, 8, 9; the center 4, 5, 10, 11; both 14 and the old
forms), and no entry path stores a basis that does not fit."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from disclosures.models import Basis, DisclosureDocument, bases_for
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
from tests.disclosures.test_permissions import change_data, change_url
from tests.factories import administrator, center_staff, school_staff

pytestmark = pytest.mark.django_db

ARCHIVE = {"legacy-form", "school-year-plan", "diploma-register", "monthly-plan", "other"}
SCHOOL_BASES = {"tt09-2024-d4", "tt09-2024-d5", "tt09-2024-d8", "tt09-2024-d9", "tt09-2024-d14"}
CENTER_BASES = {"tt09-2024-d4", "tt09-2024-d5", "tt09-2024-d10", "tt09-2024-d11", "tt09-2024-d14"}

STAFF = [
    pytest.param(school_staff, school, SCHOOL_BASES, "tt09-2024-d10", id="school-staff"),
    pytest.param(center_staff, center, CENTER_BASES, "tt09-2024-d8", id="center-staff"),
]


def offered_bases(html):
    select = re.search(r'<select name="basis".*?</select>', html, re.DOTALL).group(0)
    return {value for value in re.findall(r'<option value="([^"]*)"', select) if value}


def test_one_home_says_which_bases_apply_to_which_kind():
    assert {b.value for b in bases_for(Organization.Kind.SCHOOL)} == SCHOOL_BASES | ARCHIVE
    assert {b.value for b in bases_for(Organization.Kind.CENTER)} == CENTER_BASES | ARCHIVE


@pytest.mark.parametrize(("make_user", "own", "bases", "foreign"), STAFF)
def test_the_add_form_offers_only_the_organizations_bases(client, make_user, own, bases, foreign):
    client.force_login(make_user())
    assert offered_bases(client.get(ADD_URL).content.decode()) == bases | ARCHIVE


@pytest.mark.parametrize(("make_user", "own", "bases", "foreign"), STAFF)
def test_a_basis_of_the_other_kind_is_refused(client, settings, make_user, own, bases, foreign):
    client.force_login(make_user())
    upload = SimpleUploadedFile("a.pdf", pdf_bytes())
    data = form_data(organization=own().pk, basis=foreign, form_number="", file=upload)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize(("make_user", "own", "bases", "foreign"), STAFF)
def test_the_change_form_of_a_draft_offers_only_the_organizations_bases(
    client, make_user, own, bases, foreign
):
    draft = DocumentFactory(status="draft", organization=own())
    client.force_login(make_user())
    assert offered_bases(client.get(change_url(draft)).content.decode()) == bases | ARCHIVE
    response = client.post(change_url(draft), change_data(draft, basis=foreign))
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.basis == Basis.OTHER


def test_an_administrator_gets_a_clear_message_for_a_basis_that_does_not_fit(client, settings):
    """Administrators publish for both, so every basis is listed (a script narrows the list
    to the chosen organization's); without the script, saving says what is wrong."""
    client.force_login(administrator())
    assert offered_bases(client.get(ADD_URL).content.decode()) == (
        SCHOOL_BASES | CENTER_BASES | ARCHIVE
    )
    upload = SimpleUploadedFile("a.pdf", pdf_bytes())
    data = form_data(basis="tt09-2024-d10", form_number="", file=upload)
    html = client.post(ADD_URL, data).content.decode()
    assert "không áp dụng cho Trường THCS Tiên Tân" in html
    assert "Hãy chọn một căn cứ dành cho trường trung học cơ sở" in html
    assert DisclosureDocument.objects.count() == 0 and stored_files(settings) == []

    # The same when a draft's organization is changed under a basis that only fits the first.
    draft = DocumentFactory(status="draft", organization=center(), basis=Basis.TT09_2024_ART10)
    response = client.post(change_url(draft), change_data(draft, organization=school().pk))
    assert "không áp dụng cho Trường THCS Tiên Tân" in response.content.decode()
    draft.refresh_from_db()
    assert draft.organization == center()


def test_the_form_tells_the_script_which_bases_each_organization_has(client):
    client.force_login(administrator())
    html = client.get(ADD_URL).content.decode()
    assert "js/disclosure-bases" in html
    assert f"&quot;{school().pk}&quot;: &quot;school&quot;" in html


def test_the_model_check_refuses_a_basis_that_does_not_fit():
    document = DocumentFactory.build(organization=school(), basis=Basis.TT09_2024_ART11)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "basis" in error.value.message_dict


def test_the_database_refuses_a_basis_that_does_not_fit():
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(organization=center(), basis=Basis.TT09_2024_ART8)
    document = DocumentFactory(organization=school(), basis=Basis.TT09_2024_ART8)
    assert document.organization_kind == "school"
    with pytest.raises(IntegrityError), transaction.atomic():
        DisclosureDocument.objects.filter(pk=document.pk).update(basis=Basis.TT09_2024_ART10)


def test_an_organization_cannot_change_kind_under_its_documents():
    DocumentFactory(organization=school(), basis=Basis.TT09_2024_ART9)
    organization = school()
    organization.kind = Organization.Kind.CENTER
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "kind" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        organization.save()
    assert school().kind == "school"
    # Without such documents the change goes through, and the copies follow.
    DisclosureDocument.objects.filter(basis=Basis.TT09_2024_ART9).update(basis=Basis.OTHER)
    organization.save()
    assert set(DisclosureDocument.objects.values_list("organization_kind", flat=True)) == {"center"}


def register_bases(html):
    select = re.search(r'<select id="f-basis".*?</select>', html, re.DOTALL).group(0)
    return {value for value in re.findall(r'<option value="([^"]*)"', select) if value}


def test_the_public_register_filters_by_the_organizations_bases(client):
    DocumentFactory(title="Thu chi trường", basis=Basis.TT09_2024_ART5)
    DocumentFactory(title="Chất lượng trường", basis=Basis.TT09_2024_ART8)
    DocumentFactory(title="Chất lượng trung tâm", organization=center(), basis="tt09-2024-d10")
    everything = client.get("/cong-khai/").content.decode()
    assert register_bases(everything) == SCHOOL_BASES | CENTER_BASES | ARCHIVE
    school_only = client.get("/cong-khai/?don-vi=truong-thcs-tien-tan").content.decode()
    assert register_bases(school_only) == SCHOOL_BASES | ARCHIVE
    center_only = client.get("/cong-khai/?don-vi=tthtcd-xa-tien-tan").content.decode()
    assert register_bases(center_only) == CENTER_BASES | ARCHIVE
    # A kind the chosen organization does not publish is ignored, as unknown values are.
    html = client.get("/cong-khai/?don-vi=truong-thcs-tien-tan&loai=tt09-2024-d10").content
    assert "Thu chi trường" in html.decode() and "Chất lượng trung tâm" not in html.decode()
    html = client.get("/cong-khai/?loai=tt09-2024-d10").content.decode()
    assert "Chất lượng trung tâm" in html and "Chất lượng trường" not in html
