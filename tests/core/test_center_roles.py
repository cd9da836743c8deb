"""Roles in a deployment of many centers (issue 14 item 3): each role works at its own center
only, a center administrator manages that center's accounts and no one else's, a province
account signs in at no center and into no admin."""

import dataclasses

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from core.models import Center, Membership
from core.onboarding import create_center
from core.roles import CENTER_ADMIN, CENTER_STAFF, PROVINCE_VIEWER, SCHOOL_STAFF
from core.tenancy import use_center
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.classes.factories import PartnerFactory
from tests.disclosures.factories import DocumentFactory
from tests.factories import PASSWORD, UserFactory, administrator, center_staff, school_staff
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
OPERATOR_HOST = "quantri.test"


def center_admin(**kwargs):
    return UserFactory(groups=[CENTER_ADMIN], **kwargs)


@dataclasses.dataclass
class Place:
    center: Center
    host: str
    article: str
    partner: str
    document: str


@pytest.fixture
def places(settings):
    """Tiên Tân (the suite's first center, at testserver) and Tiên Hải (at b.test), each with
    an article, a partner and a school document of its own."""
    settings.OPERATOR_HOSTS = [OPERATOR_HOST]
    tien_tan = Center.objects.order_by("pk").first()
    with use_center(tien_tan):
        ensure_organizations(Organization)
    tien_hai = create_center(hosts=["b.test"], name="TTHTCĐ xã Tiên Hải", slug="tien-hai").center
    made = {}
    for key, center, host, name in [
        ("a", tien_tan, "testserver", "Tiên Tân"),
        ("b", tien_hai, "b.test", "Tiên Hải"),
    ]:
        with use_center(center):
            school, _ = Organization.objects.get_or_create(
                kind=Organization.Kind.SCHOOL,
                defaults={
                    "name": f"Trường THCS {name}",
                    "short_name": f"THCS {name}",
                    "slug": f"truong-thcs-{center.slug}",
                    "staff_group": SCHOOL_STAFF,
                },
            )
            made[key] = Place(
                center=center,
                host=host,
                article=ArticleFactory(title=f"Tin riêng của xã {name}").title,
                partner=PartnerFactory(name=f"Hội Nông dân xã {name}").name,
                document=DocumentFactory(
                    organization=school, title=f"Văn bản của trường {name}"
                ).title,
            )
    return made


def other(key):
    return "b" if key == "a" else "a"


def autocomplete(client, host, app_label, model_name, field_name):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name},
        HTTP_HOST=host,
    )
    assert response.status_code == 200
    return {row["text"] for row in response.json()["results"]}


@pytest.mark.parametrize("key", ["a", "b"])
def test_center_staff_see_only_their_centers_rows(client, places, key):
    here, there = places[key], places[other(key)]
    client.force_login(center_staff(center=here.center))
    assert client.get("/admin/", HTTP_HOST=here.host).status_code == 200
    articles = client.get("/admin/news/article/", HTTP_HOST=here.host).content.decode()
    assert here.article in articles and there.article not in articles
    partners = autocomplete(client, here.host, "classes", "course", "partners")
    assert here.partner in partners and there.partner not in partners
    documents = client.get("/admin/disclosures/disclosuredocument/", HTTP_HOST=here.host)
    assert there.document not in documents.content.decode()
    assert client.get("/quan-ly/", HTTP_HOST=here.host).status_code == 200
    # At the other center's host the same session is nobody's.
    assert client.get("/admin/", HTTP_HOST=there.host).status_code == 302
    assert client.get("/quan-ly/", HTTP_HOST=there.host).status_code == 302


@pytest.mark.parametrize("key", ["a", "b"])
def test_school_staff_see_only_their_schools_documents(client, places, key):
    here, there = places[key], places[other(key)]
    client.force_login(school_staff(center=here.center))
    assert client.get("/admin/", HTTP_HOST=here.host).status_code == 200
    documents = client.get("/admin/disclosures/disclosuredocument/", HTTP_HOST=here.host)
    assert here.document in documents.content.decode()
    assert there.document not in documents.content.decode()
    found = autocomplete(client, here.host, "disclosures", "disclosuredocument", "replaced_by")
    assert found and not any(there.document in text for text in found)
    assert client.get("/admin/news/article/", HTTP_HOST=here.host).status_code == 403
    assert client.get("/admin/", HTTP_HOST=there.host).status_code == 302


# -- the center administrator ----------------------------------------------------------------


@pytest.mark.parametrize("key", ["a", "b"])
def test_a_center_administrator_lists_only_their_centers_accounts(client, places, key):
    here, there = places[key], places[other(key)]
    boss = center_admin(username=f"quantri-{key}", center=here.center)
    colleague = center_staff(username=f"canbo-cung-xa-{key}", center=here.center)
    stranger = center_staff(username=f"canbo-xa-khac-{key}", center=there.center)
    operator = administrator(username=f"van-hanh-{key}")
    client.force_login(boss)
    listing = client.get("/admin/auth/user/", HTTP_HOST=here.host).content.decode()
    assert boss.username in listing and colleague.username in listing
    assert stranger.username not in listing and operator.username not in listing
    # Another center's account, by its address: not found, its password untouchable.
    change = client.get(f"/admin/auth/user/{stranger.pk}/change/", HTTP_HOST=here.host)
    assert change.status_code == 302 and stranger.username not in change.content.decode()
    password = f"/admin/auth/user/{stranger.pk}/password/"
    assert client.get(password, HTTP_HOST=here.host).status_code == 404
    response = client.post(
        password,
        {"password1": "mat-khau-moi-2025-abc", "password2": "mat-khau-moi-2025-abc"},
        HTTP_HOST=here.host,
    )
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.check_password(PASSWORD)
    # ...nor the operator's, even one given a workplace here.
    Membership.objects.filter(user=operator).delete()
    Membership.objects.create(user=operator, center=here.center)
    assert (
        client.get(f"/admin/auth/user/{operator.pk}/password/", HTTP_HOST=here.host).status_code
        == 404
    )


def add_form(**overrides):
    data = {
        "username": "canbo-moi",
        "password1": "mat-khau-rat-dai-2025",
        "password2": "mat-khau-rat-dai-2025",
        "first_name": "Hoa",
        "last_name": "Trần Thị",
        "email": "hoa@example.vn",
        "groups": [Group.objects.get(name=CENTER_STAFF).pk],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("key", ["a", "b"])
def test_an_account_made_by_a_center_administrator_works_at_that_center(client, places, key):
    here, there = places[key], places[other(key)]
    client.force_login(center_admin(center=here.center))
    response = client.post(
        "/admin/auth/user/add/",
        add_form(
            is_superuser="on",
            is_staff="on",
            user_permissions=[Permission.objects.get(codename="add_user").pk],
        ),
        HTTP_HOST=here.host,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    made = User.objects.get(username="canbo-moi")
    assert made.membership.center == here.center
    assert made.is_staff and not made.is_superuser and not made.user_permissions.exists()
    assert list(made.groups.values_list("name", flat=True)) == [CENTER_STAFF]
    client.logout()
    signed_in = client.post(
        "/admin/login/?next=/admin/",
        {"username": "canbo-moi", "password": "mat-khau-rat-dai-2025"},
        HTTP_HOST=here.host,
    )
    assert signed_in.status_code == 302
    assert client.get("/admin/news/article/", HTTP_HOST=here.host).status_code == 200
    assert client.get("/admin/", HTTP_HOST=there.host).status_code == 302


def test_a_center_administrator_gives_only_the_centers_roles(client, places):
    here = places["a"]
    client.force_login(center_admin(center=here.center))
    for name in (PROVINCE_VIEWER,):
        group = Group.objects.get(name=name)
        response = client.post(
            "/admin/auth/user/add/", add_form(groups=[group.pk]), HTTP_HOST=here.host
        )
        assert response.status_code == 200
        assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not User.objects.filter(username="canbo-moi").exists()
    form = client.get("/admin/auth/user/add/", HTTP_HOST=here.host).content.decode()
    for role in (CENTER_STAFF, SCHOOL_STAFF, CENTER_ADMIN):
        assert role in form
    assert PROVINCE_VIEWER not in form and "is_superuser" not in form
    assert "user_permissions" not in form


def test_a_center_administrator_keeps_groups_the_operator_gave(client, places):
    here = places["a"]
    client.force_login(center_admin(center=here.center))
    colleague = UserFactory(groups=[SCHOOL_STAFF, PROVINCE_VIEWER], center=here.center)
    response = client.post(
        f"/admin/auth/user/{colleague.pk}/change/",
        {
            "username": colleague.username,
            "first_name": "Lan",
            "last_name": "Nguyễn Thị",
            "email": "",
            "is_active": "on",
            "groups": [Group.objects.get(name=CENTER_STAFF).pk],
        },
        HTTP_HOST=here.host,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(colleague.groups.values_list("name", flat=True)) == {CENTER_STAFF, PROVINCE_VIEWER}


def test_a_center_administrator_cannot_lift_their_own_rights(client, places):
    here = places["a"]
    boss = center_admin(center=here.center)
    client.force_login(boss)
    response = client.post(
        f"/admin/auth/user/{boss.pk}/change/",
        {
            "username": boss.username,
            "first_name": "Lan",
            "last_name": "Nguyễn Thị",
            "email": "",
            "groups": [Group.objects.get(name=CENTER_STAFF).pk],
            "is_superuser": "on",
        },
        HTTP_HOST=here.host,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    boss.refresh_from_db()
    assert boss.is_active and not boss.is_superuser
    assert list(boss.groups.values_list("name", flat=True)) == [CENTER_ADMIN]
    # Nor switch their own account off by the list's action; others they do.
    colleague = center_staff(center=here.center)
    response = client.post(
        "/admin/auth/user/",
        {"action": "deactivate", "_selected_action": [boss.pk, colleague.pk]},
        HTTP_HOST=here.host,
    )
    assert response.status_code == 302
    boss.refresh_from_db()
    colleague.refresh_from_db()
    assert boss.is_active and not colleague.is_active
    # Accounts are deactivated, never deleted.
    assert (
        client.get(f"/admin/auth/user/{colleague.pk}/delete/", HTTP_HOST=here.host).status_code
        == 403
    )


def test_center_staff_do_not_manage_accounts(client, places):
    client.force_login(center_staff(center=places["b"].center))
    assert client.get("/admin/auth/user/", HTTP_HOST="b.test").status_code == 403


# -- the province's read-only accounts -------------------------------------------------------


def province_account():
    user = UserFactory(username="tinh-ha-nam", groups=[PROVINCE_VIEWER], center=None)
    Membership.objects.filter(user=user).delete()
    Membership.objects.create(user=user, province="Hà Nam")
    return user  # is_staff, as somebody might tick it by mistake: it still opens no admin


@pytest.mark.parametrize("host", ["testserver", "b.test", OPERATOR_HOST])
def test_a_province_account_signs_in_to_no_admin(client, places, host):
    province_account()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "tinh-ha-nam", "password": PASSWORD},
        HTTP_HOST=host,
    )
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("host", ["testserver", "b.test"])
def test_a_province_account_is_nobody_at_a_centers_host(client, places, host):
    client.force_login(province_account())
    assert client.get("/quan-ly/", HTTP_HOST=host).status_code == 302
    assert client.get("/admin/", HTTP_HOST=host).status_code == 302


def test_the_operator_signs_in_at_the_operators_host(client, places):
    administrator(username="van-hanh")
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "van-hanh", "password": PASSWORD},
        HTTP_HOST=OPERATOR_HOST,
    )
    assert response.status_code == 302
    assert client.get("/admin/core/center/", HTTP_HOST=OPERATOR_HOST).status_code == 200
