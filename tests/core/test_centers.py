"""Who may work where: the one rule (core.centers.may_work_at) and its query form."""

import itertools

import pytest
from django.contrib.auth import get_user_model

from core.centers import accounts_working_at, may_work_at
from core.models import Center, CenterHost, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_centers():
    first = Center.objects.get()
    second = Center.objects.create(name="Trung tâm học tập cộng đồng xã Tiên Hải", slug="tien-hai")
    CenterHost.objects.create(center=second, host="tienhai.example.vn", is_primary=True)
    return first, second


def account(name, *, superuser=False, active=True, center=None, province=""):
    user = get_user_model().objects.create(
        username=name, is_superuser=superuser, is_active=active, is_staff=True
    )
    if center or province:
        Membership.objects.create(user=user, center=center, province=province)
    return user


def test_the_rule_and_its_query_agree_for_every_kind_of_account(two_centers):
    first, second = two_centers
    accounts = [
        account("operator", superuser=True),
        account("staff-first", center=first),
        account("staff-second", center=second),
        account("left-first", center=first, active=False),
        account("province", province="Ninh Bình"),
        account("nobody"),
    ]
    for user, place in itertools.product(accounts, [first, second, None]):
        by_query = get_user_model().objects.filter(accounts_working_at(place), pk=user.pk).exists()
        assert may_work_at(user, place) == by_query, (user.username, place)
    assert may_work_at(accounts[1], first) and not may_work_at(accounts[1], second)
    assert not may_work_at(accounts[1], None) and may_work_at(accounts[4], None)
    assert not may_work_at(accounts[4], first) and may_work_at(accounts[0], second)
