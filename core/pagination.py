"""One rule for every paginated public list (news, a category, classes, search, disclosures).

`?page=` is typed by hand, kept in old bookmarks and shared on Zalo long after the list has
shrunk, so it never answers 404 and never a 500:

- a page past the end shows the last page (as Django's `Paginator.get_page` does);
- a number below 1 shows the first page — the nearest one; `get_page` would jump to the *last*
  page for `?page=0` or `?page=-1`, which nobody asking for "before the first" means;
- anything that is not a whole number (`abc`, `2.5`, empty) shows the first page.

Views call `paginate()` or use `PageMixin` (for `ListView`); search, which must know the page
before it asks each app for hits, calls `requested_page()` and then `nearest_page()`. The page
shown is remembered on the request, so the canonical address names the page the reader sees
(`core.context_processors.site`), not the number typed.
"""

from django.core.paginator import Page, Paginator

PARAMETER = "page"


def requested_page(request, *, last: int | None = None) -> int:
    """The page asked for: a whole number from 1 (to `last` when given); anything else is 1."""
    try:
        number = max(int(request.GET.get(PARAMETER, "")), 1)
    except ValueError:  # not a number (int() also refuses more than 4,300 digits)
        return 1
    return min(number, last) if last else number


def nearest_page(request, paginator: Paginator, number: int) -> Page:
    """Page `number` of `paginator`, or its last page when it has fewer."""
    page = paginator.page(max(1, min(number, paginator.num_pages)))
    request.shown_page = page.number
    return page


def paginate(request, object_list, per_page: int) -> Page:
    """The page of `object_list` the request asks for, by the rule above."""
    return nearest_page(request, Paginator(object_list, per_page), requested_page(request))


class PageMixin:
    """For a `ListView` with `paginate_by`: the rule above instead of Django's 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page = nearest_page(self.request, paginator, requested_page(self.request))
        return paginator, page, page.object_list, page.has_other_pages()
