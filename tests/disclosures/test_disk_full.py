"""The media disk full while school staff upload a document: a Vietnamese message, no row,
no half-written file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosures.models import DisclosureDocument
from tests.disclosures.factories import ADD_URL, form_data, pdf_bytes, stored_files
from tests.diskfull import disk_with_free_space
from tests.factories import school_staff

pytestmark = pytest.mark.django_db

MESSAGE = "ổ đĩa lưu tệp của máy chủ đã đầy"


def test_full_disk_during_a_document_upload(client, settings, monkeypatch):
    client.force_login(school_staff())
    upload = SimpleUploadedFile("bieu-mau.pdf", pdf_bytes() + b"%" * 20_000)
    with disk_with_free_space(monkeypatch, free=4096):
        response = client.post(ADD_URL, form_data(file=upload), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(ADD_URL, 302)]
    assert MESSAGE in response.content.decode()
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []

    # Once space is freed, the same upload works.
    upload.seek(0)
    response = client.post(ADD_URL, form_data(file=upload))
    assert response.status_code == 302
    document = DisclosureDocument.objects.get()
    assert (settings.MEDIA_ROOT / document.file.name).is_file()
