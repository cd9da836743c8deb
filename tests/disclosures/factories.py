"""Factories and helpers for the disclosure tests."""

import datetime
from pathlib import Path

import factory
from django.utils import timezone

from core.demo import minimal_pdf
from disclosures.models import Basis, DisclosureDocument
from organizations.models import Organization

ADD_URL = "/admin/disclosures/disclosuredocument/add/"
SCHOOL = "truong-thcs-tien-tan"
CENTER = "tthtcd-xa-tien-tan"


def pdf_bytes(text="Bieu mau cong khai"):
    return minimal_pdf([text])


def school():
    return Organization.objects.get(slug=SCHOOL)


def center():
    return Organization.objects.get(slug=CENTER)


def form_data(**overrides):
    """The admin's add form, filled as a member of the school's staff would."""
    data = {
        "organization": school().pk,
        "school_year": "2025-2026",
        "basis": Basis.LEGACY_FORM,
        "form_number": "05",
        "title": "Biểu mẫu công khai 05 năm học 2025-2026",
        "summary": "",
        "status": "published",
        "published_at_0": "20/09/2025",
        "published_at_1": "08:00:00",
        "replaced_by": "",
    }
    data.update(overrides)
    return data


def stored_files(settings):
    """Every file under MEDIA_ROOT (a fresh folder per test)."""
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisclosureDocument

    title = factory.Sequence(lambda n: f"Văn bản công khai số {n} năm học 2025-2026")
    organization = factory.LazyFunction(school)
    school_year = "2025-2026"
    basis = Basis.OTHER
    status = DisclosureDocument.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    file = factory.django.FileField(filename="van-ban.pdf", data=pdf_bytes())
