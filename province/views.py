"""The province overview's pages and downloads (aggregates only: no person, no document
text). Served only at the operator's host (tienTan_portal/urls_operator.py)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from attendance.statistics import NOTES
from core import charts, spreadsheets
from core.accounts import SignInForm
from core.centers import workplace
from core.text import slugify_vi
from disclosures import compliance
from province import selectors
from province.access import overseen_centers, overseers_only
from province.forms import PROVINCE, SCHOOL_YEAR, YEAR, OverviewFilterForm

GREEN, BROWN = "#0b5d3b", "#8a4b08"


@dataclass
class Scope:
    form: OverviewFilterForm
    centers: QuerySet
    province: str  # "" = every province (the operator's default)


def _scope(request, *, school_years=None):
    """The centers this page shows: those the viewer oversees, narrowed by the operator's
    choice of province; and the form holding that choice and the year."""
    user = request.user
    centers = overseen_centers(user)
    provinces = None
    if user.is_superuser:
        provinces = list(
            centers.exclude(province="")
            .order_by("province")
            .values_list("province", flat=True)
            .distinct()
        )
    form = OverviewFilterForm(request.GET or None, provinces=provinces, school_years=school_years)
    if user.is_superuser:
        province = form.value(PROVINCE) or ""
        if province:
            centers = centers.filter(province=province)
    else:
        province = workplace(user).province
    return Scope(form=form, centers=centers, province=province)


def _query(scope, name, value):
    """The address's query for the downloads: what this page shows."""
    params = {PROVINCE: scope.province} if scope.province and PROVINCE in scope.form.fields else {}
    return urlencode({**params, name: value})


def _file_name(prefix, period, province):
    place = slugify_vi(province) or "tat-ca"
    return f"{prefix}-{period}-{place}-{timezone.localdate():%Y%m%d}"


def _center_url(request, center, path):
    """The same page at a center's own host (its /thong-ke/, its calendar)."""
    host = center.primary_host
    return f"{request.scheme}://{host}{path}" if host else ""


@never_cache
@require_GET
@overseers_only
def overview(request):
    scope = _scope(request)
    figures = selectors.class_figures(scope.centers, scope.form.value(YEAR))
    statistics_path = reverse("attendance:statistics", urlconf=settings.ROOT_URLCONF)
    for row in figures.centers:
        query = f"?start={figures.year}&end={figures.year}"
        row.url = _center_url(request, row.center, statistics_path + query)
    chart = charts.bar_chart(
        ((row[0], row[2], row.estimated_learners) for row in figures.by_year), colour=GREEN
    )
    return render(
        request,
        "province/overview.html",
        {
            "scope": scope,
            "form": scope.form,
            "figures": figures,
            "chart": chart,
            "notes": NOTES,
            "download_query": _query(scope, YEAR, figures.year),
        },
    )


def _class_rows(figures):
    """The page's two tables one under another, as /thong-ke/'s downloads are: per center
    in the year shown (with the total), then the province per year, and the counting note."""
    guessed = any(row.estimated for row in figures.by_year)

    def line(*values, row):
        extra = [row.estimated_classes, row.estimated_learners] if guessed else []
        return [*values, *extra]

    extra = [_("Estimated classes"), _("Estimated learners")] if guessed else []
    yield [_("Province"), _("Center"), _("Commune"), _("Year"), _("Classes"), _("Learners"), *extra]
    for row in figures.centers:
        center = row.center
        yield line(
            center.province, center.name, center.commune, figures.year, row.classes,
            row.learners, row=row,
        )  # fmt: skip
    total = figures.total
    yield line(_("Total"), "", "", figures.year, total.classes, total.learners, row=total)
    yield [_("Note: %(note)s") % {"note": NOTES["counting"]}]
    yield []
    yield [_("Year"), _("Classes"), _("Learners"), *extra]
    yield from (line(*row, row=row) for row in figures.by_year)


@never_cache
@require_GET
@overseers_only
def overview_download(request, fmt):
    scope = _scope(request)
    figures = selectors.class_figures(scope.centers, scope.form.value(YEAR))
    return spreadsheets.table_response(
        list(_class_rows(figures)),
        fmt=fmt,
        name=_file_name("lop-hoc", figures.year, scope.province),
        title=_("Classes and learners"),
    )


def _calendar(request):
    years = compliance.years_to_show()
    scope = _scope(request, school_years=years)
    # By default the year whose deadline passed last: what a province reports on.
    closed = compliance.last_closed_year()
    school_year = scope.form.value(SCHOOL_YEAR) or (closed if closed in years else years[0])
    rows, total = selectors.calendar_figures(scope.centers, school_year)
    return scope, school_year, rows, total


@never_cache
@require_GET
@overseers_only
def calendar(request):
    scope, school_year, rows, total = _calendar(request)
    calendar_path = reverse("disclosures:compliance", urlconf=settings.ROOT_URLCONF)
    for row in rows:
        row.url = _center_url(request, row.center, f"{calendar_path}?nam-hoc={school_year}")
    labels = [compliance.STATE_LABELS[state] for state in selectors.STATES]
    totals = list(zip(labels, total.values, strict=True))
    chart = charts.bar_chart(totals, colour=BROWN)
    return render(
        request,
        "province/calendar.html",
        {
            "scope": scope,
            "form": scope.form,
            "school_year": school_year,
            "deadline": compliance.deadline(school_year),
            "rows": rows,
            "total": total,
            "chart": chart,
            "labels": labels,
            "totals": totals,
            "download_query": _query(scope, SCHOOL_YEAR, school_year),
        },
    )


@never_cache
@require_GET
@overseers_only
def calendar_download(request, fmt):
    scope, school_year, rows, total = _calendar(request)
    labels = [compliance.STATE_LABELS[state] for state in selectors.STATES]
    table = [[_("Province"), _("Center"), _("Commune"), _("School year"), *labels]]
    for row in rows:
        center = row.center
        table.append([center.province, center.name, center.commune, school_year, *row.values])
    table.append([_("Total"), "", "", school_year, *total.values])
    return spreadsheets.table_response(
        table,
        fmt=fmt,
        name=_file_name("lich-cong-khai", school_year, scope.province),
        title=_("Disclosure calendar"),
    )


class SignInView(LoginView):
    """The overview's sign-in, for the operator and the province's read-only accounts (the
    sign-in backend admits only accounts that may work at this host, core.centers.may_work_at;
    django-axes counts failures here as at the admin). Not the admin's login: a province
    account never gets a session there."""

    template_name = "province/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("province:overview")
