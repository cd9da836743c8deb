from django.conf import settings
from django.db import migrations


def give_memberships(apps, schema_editor):
    """Staff accounts of a single-center site work at its first center.

    Since centers exist, an account signs in only where its Membership says
    (core.centers.may_work_at); an upgraded site's staff, made before there were
    memberships, would otherwise be locked out of their own admin. The operator
    (superuser) works everywhere and needs none.
    """
    Center = apps.get_model("core", "Center")
    Membership = apps.get_model("core", "Membership")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    first = Center.objects.order_by("pk").first()
    if first is None:
        return
    without = User.objects.filter(is_superuser=False, membership__isnull=True)
    Membership.objects.bulk_create(
        Membership(user_id=pk, center=first) for pk in without.values_list("pk", flat=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_center_owned"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # Backwards: the memberships stay (the table itself goes with 0006).
    operations = [migrations.RunPython(give_memberships, migrations.RunPython.noop)]
