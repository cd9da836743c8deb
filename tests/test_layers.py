"""The floors of docs/architecture.md: every import between our apps points down.

Read from the source (every module of every app, imports inside functions included), so a
new upward or sideways import fails here before it becomes a cycle. The table is the one in
the design notes; changing it is a design decision, not a test fix.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# app: the apps of ours it may import (besides itself).
MAY_IMPORT = {
    "core": set(),
    "news": {"core"},
    "classes": {"core"},
    "organizations": {"core"},
    "questions": {"core"},
    "documents": {"core"},
    "attendance": {"classes", "core"},
    "survey": {"classes", "core"},
    "agenda": {"classes", "core"},
    "disclosures": {"organizations", "core"},
    "portal": {"news", "classes", "organizations", "attendance", "survey", "disclosures", "core"},
    "province": {"classes", "organizations", "attendance", "disclosures", "core"},
    "assessment": {
        "news",
        "classes",
        "organizations",
        "attendance",
        "survey",
        "disclosures",
        "core",
    },
    "tienTan_portal": {
        "news",
        "classes",
        "organizations",
        "attendance",
        "survey",
        "disclosures",
        "questions",
        "documents",
        "agenda",
        "portal",
        "assessment",
        "province",
        "core",
    },
}
OURS = set(MAY_IMPORT)


def imports_of(path):
    """(line, dotted module) of every absolute import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def modules(app):
    return sorted(p for p in (ROOT / app).rglob("*.py") if ".venv" not in p.parts)


def test_every_app_of_the_table_exists_and_no_app_is_missing_from_it():
    apps_on_disk = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps_on_disk | {"tienTan_portal"} == OURS


@pytest.mark.parametrize("app", sorted(OURS))
def test_imports_point_down(app):
    wrong = []
    for path in modules(app):
        for line, dotted in imports_of(path):
            target = dotted.split(".")[0]
            if target in OURS and target != app and target not in MAY_IMPORT[app]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {dotted}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("app", sorted(OURS - {"tienTan_portal"}))
def test_no_app_imports_another_apps_views(app):
    """`core.views` is the ground floor's shared base views (StaffView), meant to be built on."""
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {dotted}"
        for path in modules(app)
        for line, dotted in imports_of(path)
        if dotted.split(".")[0] in OURS - {app, "core"}
        and len(dotted.split(".")) > 1
        and dotted.split(".")[1] in {"views", "staff_views", "report_views"}
    ]
    assert not wrong, "\n".join(wrong)


def test_the_checker_sees_an_upward_import(tmp_path):
    """The reader above finds imports inside functions too (so the tests cannot pass blind)."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from portal.views import home\n    import news.models\n")
    assert {d for _, d in imports_of(module)} == {
        "portal.views",
        "portal.views.home",
        "news.models",
    }
