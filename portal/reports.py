"""The yearly report (báo cáo thường niên, TT 09/2024/TT-BGDĐT Điều 14), composed from the apps.

The report covers one calendar year (1 January to 31 December): classes and learners come
from `attendance.statistics.compute`, the same figures as the public /thong-ke/ page, so the
two never disagree; the documents are the center's disclosures published in that year. A
fixed handful of queries whatever the amount of data. `render_pdf` turns the HTML of the
report into a PDF with WeasyPrint, reading stylesheets from the static files, never over HTTP.
"""

import datetime
import mimetypes
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils import timezone
from django.utils.translation import gettext

from attendance import statistics
from classes.models import FiguresSource
from core.centers import site_name
from core.contact import printed_contact
from disclosures.models import Basis, DisclosureDocument
from organizations.models import Organization

# The oldest year a report may be asked for: the portal holds records back to 2012 (the
# center's history from the seed); earlier years have nothing and are refused as a typo.
FIRST_YEAR = 2000
BASIS = Basis.TT09_2024_ART14


@dataclass
class Centre:
    name: str
    kind: str
    commune: str
    address: str
    phone: str
    email: str
    board: list[str]


@dataclass
class Document:
    title: str
    basis: str
    published_on: datetime.date
    url: str


@dataclass
class YearlyReport:
    year: int
    made_on: datetime.date
    centre: Centre
    organization: Organization | None
    figures: statistics.Figures
    documents: list = field(default_factory=list)  # [Document]
    notes: str = ""
    # What the report says of figures that are estimates: the statistics page's words.
    estimates_note = statistics.NOTES["estimates"]
    figure_sources = FiguresSource

    @property
    def period_start(self):
        return datetime.date(self.year, 1, 1)

    @property
    def period_end(self):
        """31 December, or today while the year is still running."""
        return min(datetime.date(self.year, 12, 31), self.made_on)

    @property
    def year_running(self):
        return self.period_end < datetime.date(self.year, 12, 31)

    @property
    def school_year(self):
        """The disclosure register's school year: the report on 2025 is due by 30/6/2026,
        the deadline of "2025-2026" (see disclosures.compliance)."""
        return f"{self.year}-{self.year + 1}"

    @property
    def title(self):
        return gettext("Yearly report %(year)s") % {"year": self.year}

    @property
    def file_name(self):
        return f"bao-cao-thuong-nien-{self.year}.pdf"


def years_offered(today=None):
    """Years staff can pick, newest first: from the first year with a class to this one."""
    today = today or timezone.localdate()
    first, _last = statistics.year_bounds(today)
    first = max(first or today.year, FIRST_YEAR)
    return list(range(today.year, first - 1, -1))


def valid_year(year: int, today=None) -> bool:
    today = today or timezone.localdate()
    return FIRST_YEAR <= year <= today.year


def the_center():
    return (
        Organization.objects.filter(kind=Organization.Kind.CENTER)
        .order_by("position", "pk")
        .first()
    )


def _commune(name: str) -> str:
    """ "Trung tâm học tập cộng đồng xã Tiên Tân" → "Tiên Tân" (empty when not named so)."""
    match = re.search(r"\b(?:xã|phường|thị trấn)\s+(.+)$", name, flags=re.IGNORECASE)
    return match.group(1).strip() if match else ""


def build(year: int, notes: str = "", today=None) -> YearlyReport:
    today = today or timezone.localdate()
    organization = the_center()
    name = organization.name if organization else site_name()
    # As staff keep them on the center's page in the admin, else the settings; never the
    # demo's examples (a printed report cannot be marked "example").
    contact = printed_contact()
    board = []
    if organization is not None:
        board = [
            f"{person.full_name} ({person.position})"
            for person in organization.people.printable().filter(is_board=True)
        ]
    centre = Centre(
        name=name,
        kind=organization.get_kind_display() if organization else "",
        commune=_commune(name),
        address=contact.get("address", ""),
        phone=contact.get("phone", ""),
        email=contact.get("email", ""),
        board=board,
    )
    documents = []
    if organization is not None:
        rows = (
            DisclosureDocument.objects.published()
            .filter(organization=organization, published_at__year=year)
            .order_by("published_at", "title")
        )
        documents = [
            Document(
                title=d.title,
                basis=str(d.basis_label),
                published_on=timezone.localdate(d.published_at),
                url=d.get_absolute_url(),
            )
            for d in rows
        ]
    return YearlyReport(
        year=year,
        made_on=today,
        centre=centre,
        organization=organization,
        figures=statistics.compute(year, year, today=today),
        documents=documents,
        notes=notes.strip(),
    )


# PDF ----------------------------------------------------------------------------------------


def _static_bytes(url: str) -> tuple[bytes, str]:
    """The content and type of a static file named by its URL, from the storage (collected,
    possibly hashed names) or the finders (development, tests). ValueError for anything else."""
    path = unquote(urlsplit(url).path)
    prefix = urlsplit(settings.STATIC_URL).path
    if not path.startswith(prefix):
        raise ValueError(f"The report PDF loads only static files, not {url}")
    name = path[len(prefix) :]
    if not name or ".." in name.split("/"):
        raise ValueError(f"Refused static path {name!r}")
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            data = handle.read()
    else:
        found = finders.find(name)
        if not found:
            raise ValueError(f"Static file not found: {name}")
        with open(found, "rb") as handle:
            data = handle.read()
    return data, mimetypes.guess_type(name)[0] or "application/octet-stream"


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Stylesheets and images from the static files, never over HTTP.

        The PDF must not depend on the site answering itself (a worker waiting on a worker)
        nor load anything from elsewhere. Other URLs fail, and WeasyPrint skips them.
        """

        def fetch(self, url, headers=None):
            data, mime_type = _static_bytes(url)
            return URLFetcherResponse(url, data, {"Content-Type": mime_type})

    return StaticFilesFetcher()


def render_pdf(html: str, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs time at startup

    return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf()
