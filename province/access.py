"""Who may read the province overview, and which centers' figures they see.

Signing in at the operator's host is `core.centers.may_work_at(user, None)`: the operator
(superuser) and the province's read-only accounts (`Membership.province`). The operator sees
every center; a province account the centers of its province. A merged center is left out:
its records moved to the center it joined (core.merging), whose figures count them.

Kept here, not in core.centers: nothing but this overview reads centers across tenants.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from core.centers import may_work_at, workplace
from core.models import Center


def may_oversee(user) -> bool:
    return user.is_authenticated and may_work_at(user, None)


def overseen_centers(user):
    """The centers whose figures `user` (one who `may_oversee`) reads, as a queryset."""
    centers = Center.objects.filter(merged_into__isnull=True)
    if user.is_superuser:
        return centers
    return centers.filter(province=workplace(user).province)


def overseers_only(view):
    """Anyone else goes to the overview's sign-in page (province:login), and back here."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_oversee(request.user):
            return redirect_to_login(request.get_full_path(), reverse("province:login"))
        return view(request, *args, **kwargs)

    return wrapped
