"""A throwaway app that declares every hook (core.hooks), installed by tests only
(tests/portal/test_hooks.py), to prove that adding an app changes no other file."""

from django.apps import AppConfig


class HookappConfig(AppConfig):
    default = True  # "tests.hookapp" in INSTALLED_APPS means this one
    name = "tests.hookapp"
    label = "hookapp"
    verbose_name = "Bảng tin xóm"
    default_auto_field = "django.db.models.BigAutoField"

    home_box = "hookapp/home_box.html"
    home_context = "tests.hookapp.hooks.home_context"
    search_source = "tests.hookapp.hooks.search_source"
    sitemaps = {"hookapp": "tests.hookapp.hooks.NoticeBoardSitemap"}
    sitemap_pages = ["search"]
    next_change = "tests.hookapp.hooks.next_change"
    staff_tools = "tests.hookapp.hooks.staff_tools"
    related_links = "tests.hookapp.hooks.related_links"
    demo = "tests.hookapp.hooks.load_demo"


class BrokenHookappConfig(HookappConfig):
    """The same app with typos in its declarations, for the system check."""

    default = False

    home_box = "hookapp/no_such_box.html"
    search_source = "tests.hookapp.hooks.no_such_source"
    sitemaps = {"hookapp": "tests.hookapp.nowhere.NoticeBoardSitemap"}
    sitemap_pages = ["no-such-page"]
    staff_tools = "tests.hookapp.hooks.STAFF_TOOL_TITLE"
    related_links = "tests.hookapp.hooks.no_such_links"
