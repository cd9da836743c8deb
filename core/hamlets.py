"""The starting list of the commune's hamlets (staff rename or extend it in the admin).

The real names were not known when the portal was built: "Xóm 1" … "Xóm 10" plus "Khác".
"""

DEFAULT_HAMLETS = [f"Xóm {n}" for n in range(1, 11)]
OTHER = "Khác"


def ensure_defaults(Hamlet):  # noqa: N803 - a model class, from a migration or the app
    """Create the default hamlets when the list is empty (migration, demo, tests)."""
    if Hamlet.objects.exists():
        return
    for position, name in enumerate(DEFAULT_HAMLETS, start=1):
        Hamlet.objects.create(name=name, position=position)
    Hamlet.objects.create(name=OTHER, position=99, is_other=True)


def ensure_other(Hamlet):  # noqa: N803 - a model class, from a migration or the app
    """The "other" choice, which the enrollment form and the survey offer people living outside
    the listed hamlets: all a new center starts with (its staff add the commune's hamlets)."""
    if not Hamlet.objects.filter(is_other=True).exists():
        Hamlet.objects.create(name=OTHER, position=99, is_other=True)
