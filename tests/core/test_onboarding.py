"""Onboarding a center in one command (issue 14 item 4): `manage.py create_center`."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from core.models import Center, CenterHost, Hamlet
from core.roles import CENTER_ADMIN, CENTER_STAFF
from core.tenancy import use_center
from news.models import Category
from news.seed import CATEGORIES
from organizations.models import Organization
from tests.factories import administrator, center_staff

pytestmark = pytest.mark.django_db
User = get_user_model()
NAME = "Trung tâm học tập cộng đồng xã Tiên Hải"


def create(*args):
    out = io.StringIO()
    call_command("create_center", *args, stdout=out)
    return out.getvalue()


def test_a_new_center_answers_at_its_hosts_with_what_every_center_starts_with(client):
    out = create(
        "--host", "TTHTCD-TienHai.example.vn", "--host", "tienhai.example.vn",
        "--name", NAME, "--commune", "Tiên Hải", "--province", "Ninh Bình",
    )  # fmt: skip
    center = Center.objects.get(slug="tien-hai")
    assert (center.name, center.commune, center.province) == (NAME, "Tiên Hải", "Ninh Bình")
    assert center.primary_host == "tthtcd-tienhai.example.vn"
    assert set(center.hosts.values_list("host", flat=True)) == {
        "tthtcd-tienhai.example.vn",
        "tienhai.example.vn",
    }
    assert "tthtcd-tienhai.example.vn" in out and "tien-hai" in out
    with use_center(center):
        assert set(Category.objects.values_list("slug", flat=True)) == {c[1] for c in CATEGORIES}
        (own,) = Organization.objects.all()  # itself; no school invented
        assert (own.kind, own.name, own.staff_group) == ("center", NAME, CENTER_STAFF)
        assert own.short_name == "TTHTCĐ xã Tiên Hải"
        assert list(Hamlet.objects.values_list("name", "is_other")) == [("Khác", True)]
    # Its pages are its own at once: its name, its empty news, its categories.
    home = client.get("/", HTTP_HOST="tienhai.example.vn")
    assert home.status_code == 200 and NAME in home.content.decode()
    category = client.get("/tin-tuc/chuyen-muc/thong-bao/", HTTP_HOST="tienhai.example.vn")
    assert category.status_code == 200
    # The first center keeps its own name and rows.
    first = Center.objects.exclude(pk=center.pk).get()
    with use_center(first):
        assert not Organization.objects.filter(name=NAME).exists()
    assert NAME not in client.get("/").content.decode()


def test_the_first_administrator_sets_a_password_by_the_printed_link(client, settings):
    out = create(
        "--host", "tienhai.example.vn", "--name", NAME, "--commune", "Tiên Hải",
        "--admin-email", "QuanTri.TienHai@Example.vn",
    )  # fmt: skip
    user = User.objects.get(username="quantri.tienhai@example.vn")
    assert user.email == "quantri.tienhai@example.vn" and user.is_staff
    assert not user.is_superuser and not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {CENTER_ADMIN, CENTER_STAFF}
    assert user.membership.center.slug == "tien-hai"
    link = re.search(r"https://tienhai\.example\.vn(/admin/reset/\S+/)", out)
    assert link, out
    assert not mail.outbox  # printed for the operator to pass on, not mailed
    # The link asks for a new password once; then the account signs in at its center.
    form = client.get(link.group(1), HTTP_HOST="tienhai.example.vn", follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    new = "mat-khau-quan-tri-tien-hai-2025"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
        HTTP_HOST="tienhai.example.vn",
    )
    assert done.status_code == 302
    again = client.get(link.group(1), HTTP_HOST="tienhai.example.vn", follow=True)
    assert 'name="new_password1"' not in again.content.decode()  # used up
    signed_in = client.post(
        "/admin/login/?next=/admin/",
        {"username": "quantri.tienhai@example.vn", "password": new},
        HTTP_HOST="tienhai.example.vn",
    )
    assert signed_in.status_code == 302
    assert client.get("/admin/auth/user/", HTTP_HOST="tienhai.example.vn").status_code == 200
    assert client.get("/admin/news/article/", HTTP_HOST="tienhai.example.vn").status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "testserver"], "Tên miền “testserver” đã dùng cho"),
        (["--host", "tienhai.example.vn:8000"], "không chỉ là tên miền"),
        (["--host", "https://tienhai.example.vn/"], "không chỉ là tên miền"),
        (["--host", "tien_hai!.example.vn"], "không phải tên miền hợp lệ"),
        (["--host", "quantri.test"], "tên miền riêng của đơn vị vận hành"),
        (["--host", "tienhai.example.vn", "--slug", "Tiên Hải"], "chỉ gồm chữ cái ASCII"),
        (["--host", "tienhai.example.vn", "--admin-email", "khong-phai-thu"], "không phải"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_creates_nothing(args, message, settings):
    settings.OPERATOR_HOSTS = ["quantri.test"]
    before = (Center.objects.count(), CenterHost.objects.count(), Category.all_centers.count())
    with pytest.raises(CommandError) as refused:
        create(*args, "--name", NAME, "--commune", "Tiên Hải")
    assert "Không tạo gì" in str(refused.value), str(refused.value)
    assert message in str(refused.value), str(refused.value)
    after = (Center.objects.count(), CenterHost.objects.count(), Category.all_centers.count())
    assert after == before


def test_a_taken_short_name_or_account_is_refused_and_nothing_is_half_made():
    create("--host", "tienhai.example.vn", "--name", NAME, "--commune", "Tiên Hải")
    with pytest.raises(CommandError, match="Tên ngắn “tien-hai” đã dùng cho"):
        create("--host", "tienhai2.example.vn", "--name", NAME, "--commune", "Tiên Hải")
    administrator(username="quantri@example.vn")
    with pytest.raises(CommandError, match=re.escape("Tài khoản “quantri@example.vn” đã có")):
        create(
            "--host", "tienthanh.example.vn", "--name", "TTHTCĐ xã Tiên Thanh",
            "--admin-email", "quantri@example.vn",
        )  # fmt: skip
    assert not CenterHost.objects.filter(host__in=["tienhai2.example.vn", "tienthanh.example.vn"])
    assert not Center.objects.filter(name="TTHTCĐ xã Tiên Thanh").exists()


def test_the_operator_creates_a_center_in_the_operators_admin(client, settings):
    settings.OPERATOR_HOSTS = ["quantri.test"]
    client.force_login(administrator())
    url = "/admin/core/center/add/"
    form = {
        "name": NAME,
        "slug": "tien-hai",
        "commune": "Tiên Hải",
        "province": "Ninh Bình",
        "hosts-TOTAL_FORMS": "1",
        "hosts-INITIAL_FORMS": "0",
        "hosts-MIN_NUM_FORMS": "0",
        "hosts-MAX_NUM_FORMS": "1000",
        "hosts-0-host": "tienhai.example.vn:443",
        "hosts-0-is_primary": "on",
    }
    refused = client.post(url, form, HTTP_HOST="quantri.test")
    assert refused.status_code == 200
    assert "không chỉ là tên miền" in refused.content.decode()
    assert not Center.objects.filter(slug="tien-hai").exists()
    made = client.post(
        url, {**form, "hosts-0-host": "TienHai.Example.vn"}, HTTP_HOST="quantri.test"
    )
    assert made.status_code == 302, made.content.decode()[:3000]
    center = Center.objects.get(slug="tien-hai")
    assert center.primary_host == "tienhai.example.vn"
    with use_center(center):
        assert Category.objects.count() == len(CATEGORIES)
        assert Organization.objects.get().kind == "center"
    assert client.get("/", HTTP_HOST="tienhai.example.vn").status_code == 200


def test_center_staff_cannot_reach_the_operators_admin(client, settings):
    settings.OPERATOR_HOSTS = ["quantri.test"]
    client.force_login(center_staff())
    response = client.get("/admin/core/center/add/", HTTP_HOST="quantri.test")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
