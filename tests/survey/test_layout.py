"""The survey and attendance are apps on one floor: neither imports the other (DESIGN.md,
"Target layout"), and the survey's addresses and URL names are the ones printed and linked
before it became an app."""

import ast
from pathlib import Path

import pytest
from django.urls import resolve, reverse

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(app):
    """(file, module) of every import in every module of `app`, migrations included."""
    for path in sorted((ROOT / app).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                yield path, node.module


@pytest.mark.parametrize(("app", "other"), [("survey", "attendance"), ("attendance", "survey")])
def test_apps_on_one_floor_do_not_import_each_other(app, other):
    found = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, module in imported_modules(app)
        if module == other or module.startswith(f"{other}.")
    ]
    assert not found


def test_the_survey_imports_only_the_floors_below():
    allowed = ("survey", "classes", "core")
    ours = {p.name for p in ROOT.iterdir() if (p / "apps.py").is_file()} | {"tienTan_portal"}
    found = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, module in imported_modules("survey")
        if module.split(".")[0] in ours and module.split(".")[0] not in allowed
    ]
    assert not found


# Every survey URL name before the move, with its public path (printed on posters and sheets).
OLD_NAMES = {
    "attendance:survey": ({}, "/khao-sat/"),
    "attendance:survey-thanks": ({}, "/khao-sat/cam-on/"),
    "attendance:survey-paper": ({}, "/khao-sat/in/"),
    "attendance:survey-demand": ({}, "/quan-ly/khao-sat/"),
    "attendance:survey-demand-download": ({"fmt": "xlsx"}, "/quan-ly/khao-sat/tai-ve.xlsx"),
    "attendance:survey-entry": ({}, "/quan-ly/khao-sat/nhap/"),
    "attendance:survey-draft-course": ({}, "/quan-ly/khao-sat/tao-lop-nhap/"),
    "attendance:survey-interested": ({}, "/quan-ly/khao-sat/nguoi-quan-tam/"),
}


@pytest.mark.parametrize("name", OLD_NAMES)
def test_every_survey_address_and_name_is_unchanged_and_served_by_the_survey(name):
    kwargs, path = OLD_NAMES[name]
    assert reverse(name, kwargs=kwargs) == path
    match = resolve(path)
    assert match.view_name == name
    assert match.func.__module__ == "survey.views"


def test_attendance_keeps_its_own_names():
    assert reverse("attendance:statistics") == "/thong-ke/"
    assert reverse("attendance:course-pick") == "/quan-ly/diem-danh/"
