"""The one rich-text editor configuration (core.html.RICH_TEXT_EXTENSIONS) and its words in
Vietnamese (issue 15, item 7). tests/browser/test_staff_editor.py watches the editor itself."""

import json
import re
from html import unescape
from pathlib import Path

import django_prose_editor
import polib
import pytest
from django.apps import apps
from django.conf import settings
from django_prose_editor.fields import ProseEditorField

from core.html import RICH_TEXT_EXTENSIONS
from tests.disclosures.factories import center
from tests.factories import center_staff

CATALOGUE = Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES/djangojs.po"
EDITOR_SOURCES = (
    Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js.map"
)
OUR_EXTENSIONS = Path(settings.BASE_DIR) / "static/js/rich-text-editor.js"
GETTEXT = re.compile(r'gettext\(\s*"((?:[^"\\]|\\.)*)"')


def translated():
    return {
        entry.msgid
        for entry in polib.pofile(str(CATALOGUE))
        if entry.msgstr and not entry.fuzzy and not entry.obsolete
    }


def test_every_message_the_editor_translates_is_in_the_javascript_catalogue():
    # The editor's own source files, as its source map carries them (the dialogs: link,
    # picture, table, list, HTML). Its English menu labels are watched in the browser.
    sources = json.loads(EDITOR_SOURCES.read_text(encoding="utf-8"))
    messages = {
        message
        for name, text in zip(sources["sources"], sources["sourcesContent"], strict=True)
        if "node_modules" not in name
        for message in GETTEXT.findall(text or "")
    }
    assert {"Insert Figure", "Alternative Text", "Edit Link", "Insert Table"} <= messages
    assert messages - translated() == set()


def test_every_message_of_our_editor_extensions_is_in_the_javascript_catalogue():
    messages = set(GETTEXT.findall(OUR_EXTENSIONS.read_text(encoding="utf-8")))
    assert {"Insert picture", "Heading %s", "Uploading the picture…"} <= messages
    assert messages - translated() == set()


def rich_text_fields():
    return [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, ProseEditorField)
    ]


@pytest.mark.parametrize("label", rich_text_fields())
def test_every_rich_text_field_has_the_picture_button_and_the_vietnamese_menu(label):
    model_label, name = label.rsplit(".", 1)
    field = apps.get_model(model_label)._meta.get_field(name)
    assert field.config["extensions"] is RICH_TEXT_EXTENSIONS
    assert str(RICH_TEXT_EXTENSIONS["PictureUpload"]["uploadUrl"]) == "/quan-ly/anh-trong-bai/"
    assert "TranslatedMenu" in RICH_TEXT_EXTENSIONS


def test_the_rich_text_fields_include_the_articles_and_the_centers_pages():
    assert {
        "news.Article.body",
        "organizations.Organization.introduction",
        "disclosures.DisclosureDocument.summary",
    } <= set(rich_text_fields())


@pytest.mark.django_db
def test_the_centers_profile_editor_loads_our_extensions(client):
    client.force_login(center_staff())
    page = client.get(f"/admin/organizations/organization/{center().pk}/change/").content.decode()
    html = unescape(page)
    # Introduction, functions and history.
    assert html.count('"PictureUpload":{"uploadUrl":"/quan-ly/anh-trong-bai/"}') == 3
    assert "/static/js/rich-text-editor.js" in html
