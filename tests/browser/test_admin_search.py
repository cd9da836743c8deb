"""Staff find things in the admin without typing accents (issue 15, item 8): the list's search
box and the autocomplete picker of a form, on a computer and on a 360×740 phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_staff_editor import DESKTOP, log_in
from tests.classes.factories import PartnerFactory
from tests.conftest import PHONE
from tests.factories import center_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("size", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_staff_find_the_womens_union_by_typing_phu_nu(live_server, page, artifacts_dir, size, name):
    PartnerFactory(name="Hội Phụ nữ xã Tiên Tân", short_name="Hội Phụ nữ")
    PartnerFactory(name="Đoàn Thanh niên xã Tiên Tân", short_name="Đoàn TN")
    PartnerFactory(name="Hội Nông dân xã Tiên Tân", short_name="Hội ND")
    page.set_viewport_size(size)
    log_in(page, live_server, center_staff())

    # The list of partners: its search box.
    page.goto(live_server.url + "/admin/classes/partner/")
    page.locator("#searchbar").fill("phu nu")
    page.locator("#changelist-search").get_by_role("button").click()
    results = page.locator("#result_list tbody tr")
    expect(results).to_have_count(1)
    expect(results).to_contain_text("Hội Phụ nữ xã Tiên Tân")
    page.screenshot(path=artifacts_dir / f"admin-search-without-accents-{name}.png")

    # A class's partners: the autocomplete picker ("d" finds "Đ").
    page.goto(live_server.url + "/admin/classes/course/add/")
    picker = page.locator(".field-partners .select2-selection")
    picker.scroll_into_view_if_needed()
    picker.click()
    page.locator(".select2-search__field").first.fill("doan thanh")
    options = page.locator(".select2-results__option")
    expect(options).to_have_count(1)
    expect(options).to_have_text("Đoàn Thanh niên xã Tiên Tân")
    page.screenshot(path=artifacts_dir / f"admin-autocomplete-without-accents-{name}.png")
    options.click()
    expect(page.locator(".field-partners .select2-selection__choice")).to_contain_text(
        "Đoàn Thanh niên xã Tiên Tân"
    )
