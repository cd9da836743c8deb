"""Upload limits are one family of settings (settings.UPLOAD_LIMITS, in MB, each from
DJANGO_UPLOAD_MAX_<KIND>_MB), read by core.uploads for every field that stores a file and by
the learner import, so no entry path keeps a limit of its own."""

import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from attendance.forms import LearnerImportForm
from tests.scaleout import servers

MB = 1024 * 1024
# Every field that stores an upload, and the kind of limit it is held to. A new file field
# fails `test_every_stored_upload_is_held_to_its_kind_of_limit` until it is listed here.
KINDS = {
    "core.RichTextImage.image": "picture",
    "news.Article.cover": "picture",
    "news.Attachment.file": "attachment",
    "classes.Course.cover": "picture",
    "organizations.Organization.chart": "picture",
    "organizations.Person.photo": "picture",
    "disclosures.DisclosureDocument.file": "document",
    "assessment.IndicatorAnswer.evidence_file": "document",
    "documents.LegalDocument.file": "document",
    "gallery.Photo.image": "picture",
}


def file_fields():
    return {
        f"{model._meta.label}.{field.name}": field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    }


def too_large(size):
    """A file of `size` bytes; its size is checked before anything reads its content."""
    return SimpleUploadedFile("tep.pdf", b"%PDF-1.4\n" + b"%" * (size - 9))


def test_every_stored_upload_is_held_to_its_kind_of_limit(settings):
    fields = file_fields()
    assert set(fields) == set(KINDS)
    for label, field in fields.items():
        kind = KINDS[label]
        # 1 MB for this kind, generous for the others: only the field's own kind decides.
        settings.UPLOAD_LIMITS = {
            **dict.fromkeys(settings.UPLOAD_LIMITS, 50),
            "picture_megapixels": 40,
            kind: 1,
        }
        with pytest.raises(ValidationError) as refused:
            field.run_validators(too_large(MB + 1))
        assert "too_large" in {e.code for e in refused.value.error_list}, label
        settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, kind: 2}
        try:
            field.run_validators(too_large(MB + 1))
        except ValidationError as error:  # the content is no real picture or document
            assert "too_large" not in {e.code for e in error.error_list}, label


def test_the_learner_import_is_held_to_the_import_limit(settings):
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "import": 1}
    upload = SimpleUploadedFile("hoc-vien.xlsx", b"PK" + b"\0" * MB)
    form = LearnerImportForm(files={"file": upload})
    assert not form.is_valid()
    assert "vượt giới hạn 1,0 MB" in " ".join(form.errors["file"])


def test_the_pixel_budget_is_part_of_the_family(settings):
    from PIL import Image

    from core.images import check_decodable

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 1000)).save(buffer, "PNG")
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "picture_megapixels": 1}
    with pytest.raises(ValidationError, match="1200×1000"):
        check_decodable(buffer)
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "picture_megapixels": 2}
    check_decodable(buffer)


def test_limits_come_from_the_environment_with_the_older_names_as_fallbacks():
    expression = "settings.UPLOAD_LIMITS"
    assert servers.production_setting(expression) == {
        "document": 20,
        "attachment": 20,
        "picture": 20,
        "import": 5,
        "picture_megapixels": 40,
        "album_photos": 30,
    }
    new = servers.production_setting(
        expression,
        DJANGO_UPLOAD_MAX_DOCUMENT_MB="30",
        DJANGO_UPLOAD_MAX_ATTACHMENT_MB="15",
        DJANGO_UPLOAD_MAX_PICTURE_MB="8",
        DJANGO_UPLOAD_MAX_IMPORT_MB="2",
        DJANGO_UPLOAD_MAX_PICTURE_MEGAPIXELS="24",
        DJANGO_UPLOAD_MAX_ALBUM_PHOTOS="12",
        DJANGO_DISCLOSURE_MAX_UPLOAD_MB="99",  # the new name wins
    )
    assert new == {
        "document": 30,
        "attachment": 15,
        "picture": 8,
        "import": 2,
        "picture_megapixels": 24,
        "album_photos": 12,
    }
    old = servers.production_setting(
        expression, DJANGO_DISCLOSURE_MAX_UPLOAD_MB="12", DJANGO_NEWS_ATTACHMENT_MAX_MB="6"
    )
    assert (old["document"], old["attachment"]) == (12, 6)
