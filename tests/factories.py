"""factory_boy factories shared by the suite."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.hamlets import ensure_defaults
from core.models import Center, Hamlet, Membership
from core.roles import CENTER_STAFF, SCHOOL_STAFF
from core.tenancy import current_center

PASSWORD = "mat-khau-thu-nghiem-2025"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    first_name = "Lan"
    last_name = "Nguyễn Thị"
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        self.save()

    @factory.post_generation
    def center(self, create, extracted, **kwargs):
        """Staff work at one center: the one given, else the current one, else the only one
        (the operator, a superuser, has none)."""
        if not create or self.is_superuser or Membership.objects.filter(user=self).exists():
            return
        center = extracted or current_center() or Center.objects.order_by("pk").first()
        Membership.objects.create(user=self, center=center)


def center_staff(**kwargs):
    return UserFactory(groups=[CENTER_STAFF], **kwargs)


def school_staff(**kwargs):
    return UserFactory(groups=[SCHOOL_STAFF], **kwargs)


def administrator(**kwargs):
    return UserFactory(is_superuser=True, **kwargs)


def hamlet(name="Xóm 1"):
    # Transactional tests flush the rows the migration made: put them back when needed.
    ensure_defaults(Hamlet)
    return Hamlet.objects.get(name=name)
