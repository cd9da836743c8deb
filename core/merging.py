"""Merging one center into another, as the 2025 commune mergers joined two communes into one:
`merge_centers(source, target)`, run by `manage.py merge_centers`.

Everything the source center owns becomes the target's, with its history: each tenant table
(every `core.tenancy.CenterOwned` model, found, not listed) gets one UPDATE of its `center`, so
ids, creation times, the admin's history (LogEntry), enrollments and attendance marks stay as
they were. The source's staff accounts move with it (their Membership). The source center
itself stays, marked `merged_into`: its host names lead readers to the target
(`core.middleware.CenterMiddleware`).

Values unique within a center would clash once the rows share one center; the plan settles
each clash before anything moves, without losing a row:

- the same name for a category, a hamlet or a partner body means the same thing: the source's
  row is joined with the target's (every row pointing to it is re-pointed; a field the target
  left empty takes the source's value), then removed;
- any other clashing slug or name gets the source's short name added ("lop-tin-hoc-tien-hai",
  "Trường THCS (Tiên Hải)"); when that changes a page's address, a `core.PathRedirect` keeps
  the old address (at the source's host names) leading to the new one;
- anything else unique within a center cannot be settled by a rule — two self-assessments of
  one year (one per year and commune, TT 25/2023): the merge is refused with a message saying
  what staff must settle first, and nothing changes. Joining two assessments of a year is a
  decision about the commune's results, not a renaming.
"""

from __future__ import annotations

import contextlib
import dataclasses

from django.apps import apps
from django.db import connection, transaction
from django.db.models import UniqueConstraint
from django.urls import get_urlconf, set_urlconf
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.tenancy import GUC, CenterOwned, use_center

# Rows that name the same thing when both centers have one of that name: the merged center
# keeps one (the target's), not "Xóm 1" and "Xóm 1 (Tiên Hải)".
JOINED_WHEN_SAME_NAME = frozenset({"news.category", "core.hamlet", "classes.partner"})


class MergeRefusedError(Exception):
    """The centers cannot be merged as they are; `problems` says what staff must settle."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclasses.dataclass
class Join:
    """A source row joined with the target's row of the same name."""

    model: type
    source_pk: int
    target_pk: int
    name: str


@dataclasses.dataclass
class Rename:
    """A source row's slug or name that the target already uses, and what it becomes."""

    model: type
    pk: int
    field: str
    old: str
    new: str


@dataclasses.dataclass
class MergePlan:
    source: object
    target: object
    moved: dict = dataclasses.field(default_factory=dict)  # {model: rows of the source}
    joins: list = dataclasses.field(default_factory=list)
    renames: list = dataclasses.field(default_factory=list)
    redirects: list = dataclasses.field(default_factory=list)  # [(old path, new path)]
    memberships: int = 0
    problems: list = dataclasses.field(default_factory=list)

    def describe(self):
        """What the merge does (or did), line by line, for the command's output."""
        names = {"source": self.source.name, "target": self.target.name}
        lines = [_("Merging %(source)s into %(target)s.") % names]
        for model, count in self.moved.items():
            if count:
                lines.append(f"  {capfirst(model._meta.verbose_name_plural)}: {count}")
        for join in self.joins:
            lines.append(
                "  "
                + _("%(model)s “%(name)s”: joined with the one %(target)s has.")
                % {"model": capfirst(join.model._meta.verbose_name), "name": join.name, **names}
            )
        for rename in self.renames:
            lines.append(
                "  "
                + _("%(model)s: “%(old)s” becomes “%(new)s”.")
                % {
                    "model": capfirst(rename.model._meta.verbose_name),
                    "old": rename.old,
                    "new": rename.new,
                }
            )
        for old_path, new_path in self.redirects:
            lines.append(
                "  " + _("Address %(old)s leads to %(new)s.") % {"old": old_path, "new": new_path}
            )
        lines.append(
            ngettext(
                "%(count)d staff account moves to %(target)s.",
                "%(count)d staff accounts move to %(target)s.",
                self.memberships,
            )
            % {"count": self.memberships, **names}
        )
        return lines


def tenant_models():
    """Every model whose rows belong to a center."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, CenterOwned) and not model._meta.proxy
    ]


def _unique_within_center(model):
    """The field groups unique within a center: ("slug",), ("name",), ("year",)..."""
    for constraint in model._meta.constraints:
        if (
            isinstance(constraint, UniqueConstraint)
            and constraint.fields[:1] == ("center",)
            and len(constraint.fields) > 1
            and constraint.condition is None
        ):
            yield tuple(constraint.fields[1:])


@contextlib.contextmanager
def _centers_urls():
    """Pages' addresses as a center's host serves them, whichever host asked (the
    operator's has its own URLconf)."""
    previous = get_urlconf()
    set_urlconf(None)
    try:
        yield
    finally:
        set_urlconf(previous)


def plan_merge(source, target) -> MergePlan:
    """What merging `source` into `target` would do; changes nothing. `problems` not empty:
    it cannot be done."""
    plan = MergePlan(source, target)
    names = {"source": source.name, "target": target.name}
    if source.pk == target.pk:
        plan.problems.append(_("A center cannot be merged into itself."))
        return plan
    for center in (source, target):
        if center.merged_into_id:
            plan.problems.append(
                _("%(center)s has already been merged into %(other)s.")
                % {"center": center.name, "other": center.merged_into.name}
            )
    if plan.problems:
        return plan
    from core.models import Membership

    with use_center(None), _centers_urls():
        for model in tenant_models():
            plan.moved[model] = model.all_centers.filter(center=source).count()
            _plan_model(plan, model, names)
    plan.memberships = Membership.objects.filter(center=source).count()
    return plan


def _plan_model(plan, model, names):
    groups = list(_unique_within_center(model))
    joined = set()
    if model._meta.label_lower in JOINED_WHEN_SAME_NAME and ("name",) in groups:
        groups.remove(("name",))
        theirs = dict(model.all_centers.filter(center=plan.target).values_list("name", "pk"))
        ours = model.all_centers.filter(center=plan.source, name__in=list(theirs))
        for pk, name in ours.order_by("pk").values_list("pk", "name"):
            plan.joins.append(Join(model, pk, theirs[name], name))
            joined.add(pk)
            _plan_redirect(
                plan, model._base_manager.get(pk=pk), model._base_manager.get(pk=theirs[name])
            )
    for fields in groups:
        if fields in (("slug",), ("name",)):
            _plan_renames(plan, model, fields[0], joined)
        else:
            _plan_refusals(plan, model, fields, names)


def _plan_renames(plan, model, name, joined):
    field = model._meta.get_field(name)
    ours = list(
        model.all_centers.filter(center=plan.source)
        .exclude(pk__in=joined)
        .order_by("pk")
        .values_list("pk", name)
    )
    theirs = set(model.all_centers.filter(center=plan.target).values_list(name, flat=True))
    taken = theirs | {value for _pk, value in ours}
    for pk, value in ours:
        if value not in theirs:
            continue
        new = _free_value(value, field, plan.source, taken)
        taken.add(new)
        plan.renames.append(Rename(model, pk, name, value, new))
        if hasattr(model, "get_absolute_url"):
            row = model._base_manager.get(pk=pk)
            renamed = model._base_manager.get(pk=pk)
            setattr(renamed, name, new)
            _plan_redirect(plan, row, renamed)


def _free_value(value, field, source, taken):
    """`value` with the source's name added, unused among `taken`, within the field's length:
    "lop-tin-hoc-tien-hai" (a slug), "Trường THCS (Tiên Hải)" (a name)."""
    for n in range(1, 1000):
        number = "" if n == 1 else f"-{n}" if field.name == "slug" else f" {n}"
        if field.name == "slug":
            tail = f"-{source.slug}{number}"
        else:
            tail = f" ({source.commune or source.name}{number})"
        room = (field.max_length or 200) - len(tail)
        candidate = value[:room].rstrip("- ") + tail
        if candidate not in taken:
            return candidate
    raise RuntimeError(f"No free {field.name} for {value!r}")


def _plan_redirect(plan, old_row, new_row):
    if not hasattr(old_row, "get_absolute_url"):
        return
    old_path, new_path = old_row.get_absolute_url(), new_row.get_absolute_url()
    if old_path != new_path:
        plan.redirects.append((old_path, new_path))


def _plan_refusals(plan, model, fields, names):
    theirs = set(model.all_centers.filter(center=plan.target).values_list(*fields))
    ours = model.all_centers.filter(center=plan.source).order_by(*fields).values_list(*fields)
    for values in ours:
        # NULLs never clash in a unique constraint (an enrollment made with no form token).
        if None in values or values not in theirs:
            continue
        what = ", ".join(
            f"{model._meta.get_field(name).verbose_name} {value}"
            for name, value in zip(fields, values, strict=True)
        )
        plan.problems.append(
            _(
                "Both %(source)s and %(target)s have a %(thing)s for %(what)s, and the "
                "merged center can keep only one. Staff must settle this first: keep one "
                "of them (print the other for the records, then delete it), then run the "
                "merge again."
            )
            % {"thing": model._meta.verbose_name, "what": what, **names}
        )


@transaction.atomic
def merge_centers(source, target) -> MergePlan:
    """Merge the center `source` into `target` (see the module's docstring): all or nothing.
    Raises MergeRefusedError, changing nothing, when the plan has problems."""
    from core.models import Center, Membership, PathRedirect

    # One merge at a time for these two centers; a second run waits, then sees the first.
    locked = {
        c.pk: c for c in Center.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    }
    source, target = locked.get(source.pk, source), locked.get(target.pk, target)
    plan = plan_merge(source, target)
    if plan.problems:
        raise MergeRefusedError(plan.problems)
    with use_center(None), _centers_urls():
        with connection.cursor() as cursor:
            # Every center's rows, for this transaction only (row-level security, core.tenancy).
            cursor.execute("SELECT set_config(%s, '', true)", [GUC])
        for join in plan.joins:
            _join(join)
        for rename in plan.renames:
            rename.model._base_manager.filter(pk=rename.pk).update(**{rename.field: rename.new})
        for model in tenant_models():
            model.all_centers.filter(center=source).update(center=target)
        Membership.objects.filter(center=source).update(center=target)
        for old_path, new_path in plan.redirects:
            PathRedirect.objects.update_or_create(
                center=source, old_path=old_path, defaults={"new_path": new_path}
            )
        source.merged_into = target
        source.save(update_fields=["merged_into"])  # its hosts are read again (core.centers)
    from core.cache import bump_content_version

    for center in (source, target):
        with use_center(center):
            bump_content_version()  # both centers' cached pages are stale now
    return plan


def _join(join):
    """The source row's relations move to the target's row, which takes the source's value
    for a field it left empty (a partner's website, a category's description); the source row
    goes."""
    model = join.model
    manager = model._base_manager
    ours, theirs = manager.get(pk=join.source_pk), manager.get(pk=join.target_pk)
    unique = {name for fields in _unique_within_center(model) for name in fields}
    blanks = {
        field.attname: getattr(ours, field.attname)
        for field in model._meta.concrete_fields
        if not (field.primary_key or field.is_relation or not field.editable)
        and field.name not in unique
        and _empty(getattr(theirs, field.attname))
        and not _empty(getattr(ours, field.attname))
    }
    if blanks:
        manager.filter(pk=theirs.pk).update(**blanks)
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            column = through._meta.get_field(relation.field.m2m_reverse_field_name()).attname
            through._base_manager.filter(**{column: ours.pk}).update(**{column: theirs.pk})
        else:
            column = relation.field.attname
            relation.related_model._base_manager.filter(**{column: ours.pk}).update(
                **{column: theirs.pk}
            )
    manager.filter(pk=ours.pk).delete()


def _empty(value):
    return value is None or value == ""
