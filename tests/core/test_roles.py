import pytest
from django.contrib.auth.models import Group, Permission

from core.roles import CENTER_STAFF, ROLES, SCHOOL_STAFF, apply_roles
from tests.factories import administrator, center_staff, school_staff

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(
        Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


def test_migrate_creates_both_staff_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {CENTER_STAFF, SCHOOL_STAFF}


def test_groups_hold_exactly_the_permissions_of_their_apps():
    for role, grants in ROLES.items():
        for app_label, _codename in codenames(role):
            assert app_label in grants, f"{role} has a permission on {app_label}"
    # Nobody but an administrator manages accounts.
    assert not {p for p in codenames(CENTER_STAFF) | codenames(SCHOOL_STAFF) if p[0] == "auth"}
    # School staff never delete (disclosures are kept 5 years).
    assert not {c for _a, c in codenames(SCHOOL_STAFF) if c.startswith("delete_")}


def test_apply_roles_undoes_permissions_added_by_hand():
    group = Group.objects.get(name=SCHOOL_STAFF)
    group.permissions.add(Permission.objects.get(codename="add_user"))
    apply_roles()
    assert ("auth", "add_user") not in codenames(SCHOOL_STAFF)


@pytest.mark.parametrize("make_user", [center_staff, school_staff])
def test_staff_can_log_in_to_the_admin_but_not_manage_accounts(client, make_user):
    client.force_login(make_user())
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403


def test_administrator_manages_accounts(client):
    client.force_login(administrator())
    assert client.get("/admin/auth/user/").status_code == 200


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_admin_shows_no_english_where_django_lacks_vietnamese(client):
    client.force_login(center_staff())
    html = client.get("/admin/news/article/").content.decode()
    assert "Show counts" not in html and "Hiện số lượng" in html
    assert "Toggle theme" not in html


def test_an_admin_form_error_is_announced_in_vietnamese(client):
    client.force_login(center_staff())
    html = client.post("/admin/news/category/add/", {"name": ""}).content.decode()
    assert "Please correct" not in html and "Vui lòng sửa các lỗi bên dưới" in html


def test_the_admin_calendar_names_days_in_vietnamese(client):
    client.force_login(center_staff())
    body = client.get("/admin/jsi18n/").content.decode()
    assert "Ch\\u1ee7 nh\\u1eadt" in body or "Chủ nhật" in body
