"""Rich text is sanitized on save, whatever writes it, for every field that holds it; and a
template prints with `|safe` only such a field."""

import re

import pytest
from django.apps import apps
from django_prose_editor.fields import ProseEditorField

from core.html import RichTextField
from disclosures.models import DisclosureDocument
from news.models import Article
from organizations.models import Organization
from tests.disclosures.factories import DocumentFactory, center
from tests.news.factories import ArticleFactory
from tests.template_dirs import our_template_dirs

HOSTILE = (
    '<p onclick="steal()">Xin chào</p><script>alert("x")</script>'
    '<img src="https://tracker.example/p.jpg" onerror="alert(2)">'
    '<a href="javascript:alert(3)">bấm</a><iframe src="https://evil.example"></iframe>'
)
GONE = ("<script", "alert", "onclick", "onerror", "javascript:", "<iframe", "tracker.example")

# A saved row of every model that holds rich text. A model whose rich text is not listed here
# fails `test_every_rich_text_field_is_sanitized_when_saved_through_the_orm`.
ROWS = {
    Article: lambda: ArticleFactory(),
    DisclosureDocument: lambda: DocumentFactory(),
    Organization: center,
}


def rich_text_fields():
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, ProseEditorField)
    ]


def test_every_editor_field_is_the_sanitizing_field():
    fields = rich_text_fields()
    assert {(m.__name__, f.name) for m, f in fields} >= {
        ("Article", "body"),
        ("DisclosureDocument", "summary"),
        ("Organization", "introduction"),
        ("Organization", "functions"),
        ("Organization", "history"),
    }
    plain = [f"{m.__name__}.{f.name}" for m, f in fields if not isinstance(f, RichTextField)]
    assert not plain, f"rich text without sanitizing on save: {plain} (use core.html.RichTextField)"


@pytest.mark.django_db
def test_every_rich_text_field_is_sanitized_when_saved_through_the_orm():
    for model, field in rich_text_fields():
        assert model in ROWS, f"add a row of {model.__name__} to ROWS"
        row = ROWS[model]()
        setattr(row, field.attname, HOSTILE)
        row.save()  # the ORM, as the demo loader, a service or the shell write
        stored = model.objects.filter(pk=row.pk).values_list(field.attname, flat=True).get()
        for bad in GONE:
            assert bad not in stored.lower(), (model.__name__, field.name, stored)
        assert "Xin chào" in stored and "bấm" in stored
        assert getattr(row, field.attname) == stored  # the instance holds what was stored


@pytest.mark.django_db
def test_search_words_never_hold_a_script():
    article = ArticleFactory(body="<p>Lớp học nghề</p><script>var hiddenword = 1</script>")
    assert "hiddenword" not in article.search_text and "lop hoc nghe" in article.search_text


def test_templates_print_unescaped_only_sanitized_rich_text():
    """Every `|safe` in a template prints a rich-text field (by its name); anything else a
    person typed stays escaped by Django."""
    names = {f.name for _m, f in rich_text_fields()}
    found = []
    for folder in our_template_dirs():
        for path in folder.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            assert "autoescape off" not in text, path
            for expression in re.findall(r"{{\s*([^}|]+?)\s*\|\s*safe\s*}}", text):
                found.append((path.name, expression))
                attribute = expression.rsplit(".", 1)[-1]
                assert attribute in names, f"{path}: {expression}|safe is not rich text"
    assert len(found) >= 5  # the walk saw the article body, the summary and the center pages
