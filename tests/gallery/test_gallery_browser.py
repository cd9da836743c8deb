"""Staff add several photos at once on a phone; a villager opens the album list, an album,
a photo at full width, and goes to the next one — no script needed (issue 16, part 2)."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gallery.models import Album
from tests.browser.test_staff_editor import serve_media
from tests.factories import PASSWORD, center_staff
from tests.gallery.test_gallery import jpeg, png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "thu-vien-anh-phone.png"


def test_upload_then_browse_an_album_on_a_phone(live_server, phone_page, artifacts_dir):
    staff = center_staff(username="canbo-thuvienanh")
    page = phone_page
    serve_media(page)
    page.goto(live_server.url + "/admin/gallery/album/add/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.locator("#id_title").fill("Ngày hội đọc sách ở nhà văn hóa")
    page.locator("#id_description").fill("Bà con và các cháu cùng đọc sách, đổi sách.")
    page.locator("#id_new_photos").set_input_files(
        [
            {"name": "IMG_001.jpg", "mimeType": "image/jpeg", "buffer": jpeg(color=(40, 120, 60))},
            {"name": "IMG_002.png", "mimeType": "image/png", "buffer": png()},
            {"name": "IMG_003.jpg", "mimeType": "image/jpeg", "buffer": jpeg(color=(30, 60, 160))},
        ]
    )
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã thêm 3 ảnh")
    page.locator("#id_photos-0-caption").fill("Các cháu đọc truyện tranh")
    page.locator("#id_photos-1-caption").fill("Góc đổi sách")
    page.locator("#id_photos-2-caption").fill("Cán bộ thư viện giới thiệu sách")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    album = Album.objects.get()
    assert album.is_published() and album.photos.count() == 3
    page.context.clear_cookies()  # signed out: a villager

    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Thư viện ảnh").click()
    expect(page.locator("h1")).to_have_text("Thư viện ảnh")
    expect(page.locator(".album-card")).to_contain_text("3 ảnh")
    page.get_by_role("link", name="Ngày hội đọc sách ở nhà văn hóa").click()
    expect(page.locator(".photo-grid figcaption")).to_have_count(3)
    # Measured once the stylesheet is in: unstyled, a picture is as wide as its file.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "thu-vien-anh-album-phone.png", full_page=True)
    page.get_by_role("link", name="Các cháu đọc truyện tranh").click()
    expect(page.locator(".photo-full figcaption")).to_contain_text("Ảnh 1 / 3")
    width = page.evaluate("document.querySelector('.photo-full img').getBoundingClientRect().width")
    assert width >= 300  # full width on a 360 px phone
    assert page.evaluate("document.querySelector('.photo-full img').naturalWidth") > 0
    page.get_by_role("link", name="Ảnh sau").click()
    expect(page.locator(".photo-full figcaption")).to_contain_text("Góc đổi sách")
    assert page.url.endswith(album.get_absolute_url() + "2/")
    # Measured once the stylesheet is in: unstyled, a picture is as wide as its file.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "thu-vien-anh-phone.png", full_page=True)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(artifacts_dir / "thu-vien-anh-phone.png", SCREENSHOT)
