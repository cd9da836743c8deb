"""The summary's rich-text editor starts: every node its extensions need is configured."""

import pytest
from django_prose_editor.config import check_legacy_dependencies

from core.html import RICH_TEXT_EXTENSIONS
from tests.factories import school_staff

pytestmark = pytest.mark.django_db


def test_the_shared_editor_configuration_is_complete():
    # Without ListItem and the table cells the editor fails in the browser ("No node type or
    # group 'listItem' found") and staff see an empty box instead of the summary editor.
    assert check_legacy_dependencies(RICH_TEXT_EXTENSIONS) == []


def test_admin_form_offers_the_editor_for_the_summary(client):
    client.force_login(school_staff())
    html = client.get("/admin/disclosures/disclosuredocument/add/").content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "django_prose_editor/editor.js" in html
