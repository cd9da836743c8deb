"""What the top floor gathers from each app, as each app declares it on its AppConfig.

An app offers the home page a box, the site search its rows, the sitemap its pages, the page
cache the moments its pages change by time alone, the staff home its tools and `load_demo` its
demo content by naming them on its AppConfig, as dotted paths (docs/architecture.md):

    class NewsConfig(AppConfig):
        name = "news"
        home_box = "news/includes/home_box.html"
        home_context = "news.selectors.home_context"
        search_source = "news.selectors.search_source"
        ...

This module reads those declarations, in INSTALLED_APPS order, importing what they name only
when asked, so the ground floor still imports no app and adding an app changes no other file
than `settings.INSTALLED_APPS`. `core.checks` checks at startup that every path resolves.
"""

from django.apps import apps
from django.template.loader import get_template
from django.utils.module_loading import import_string

# hook: what it names — a callable's dotted path, unless said otherwise.
HOOKS = {
    # (request) -> dict: the context of the app's box on the home page.
    "home_context": "callable",
    # A template name: the app's box on the home page, drawn from that context.
    "home_box": "template",
    # () -> core.search.SearchSource: the rows the site search may find.
    "search_source": "callable",
    # {section: dotted path of a django.contrib.sitemaps.Sitemap class}.
    "sitemaps": "sitemaps",
    # [URL name]: the app's fixed public pages, listed in the sitemap's "pages" section.
    "sitemap_pages": "url names",
    # (now) -> datetime | None: the next moment a public page changes by time alone.
    "next_change": "callable",
    # (user) -> [core.staff.StaffTool]: the staff pages this user may open.
    "staff_tools": "callable",
    # (stdout, demo) -> None: load the app's demo content for the current center, which is
    # the demo center named `demo` ("tien-tan", "tien-hai"), idempotently (`manage.py load_demo`).
    "demo": "callable",
    # (obj) -> [(label, url)]: links an app above adds to the page of a row of an app below
    # (an article's or a class's photo albums), drawn by `{% related_links obj %}`.
    "related_links": "callable",
    # () -> None: what a new center starts with (its news categories, its own organization),
    # for the current center, idempotently (core.onboarding, `manage.py create_center`).
    "center_defaults": "callable",
}


def declaring(hook):
    """[(app config, its declaration)] of every installed app that declares `hook`."""
    if hook not in HOOKS:
        raise ValueError(f"Unknown hook {hook!r}; the hooks are {', '.join(HOOKS)}.")
    return [
        (config, value)
        for config in apps.get_app_configs()
        if (value := getattr(config, hook, None)) is not None
    ]


def functions(hook):
    """The callables that the apps declaring `hook` name, in INSTALLED_APPS order."""
    return [import_string(path) for _, path in declaring(hook)]


def home_boxes(request):
    """The home page's boxes: ([template name], merged context), each app's box in order."""
    templates, context = [], {}
    for config, _ in declaring("home_context"):
        context.update(import_string(config.home_context)(request))
    for _, template in declaring("home_box"):
        templates.append(template)
    return templates, context


def search_sources():
    return [source() for source in functions("search_source")]


def sitemaps():
    """{section: Sitemap class} of every app, for `django.contrib.sitemaps.views.sitemap`."""
    return {
        section: import_string(path)
        for _, declared in declaring("sitemaps")
        for section, path in declared.items()
    }


def sitemap_pages():
    return [name for _, names in declaring("sitemap_pages") for name in names]


def staff_tools(user):
    return [tool for tools in functions("staff_tools") for tool in tools(user)]


def related_links(obj):
    """[(label, url)] that the apps above offer the page of `obj`, in INSTALLED_APPS order."""
    return [link for links in functions("related_links") for link in links(obj)]


def check_declarations():
    """[(app label, hook, declared value, why it does not resolve)] for every broken one."""
    from django.urls import NoReverseMatch, reverse

    problems = []

    def resolve(config, hook, path):
        try:
            found = import_string(path)
        except ImportError as error:
            problems.append((config.label, hook, path, str(error)))
        else:
            if not callable(found):
                problems.append((config.label, hook, path, "it is not callable"))

    for hook, kind in HOOKS.items():
        for config, value in declaring(hook):
            if kind == "callable":
                if isinstance(value, str):
                    resolve(config, hook, value)
                else:
                    problems.append((config.label, hook, value, "it is not a dotted path"))
            elif kind == "template":
                try:
                    get_template(value)
                except Exception as error:  # TemplateDoesNotExist, TemplateSyntaxError
                    problems.append((config.label, hook, value, repr(error)))
            elif kind == "sitemaps":
                for path in dict(value).values():
                    resolve(config, hook, path)
            else:  # url names
                for name in value:
                    try:
                        reverse(name)
                    except NoReverseMatch as error:
                        problems.append((config.label, hook, name, str(error)))
    return problems
