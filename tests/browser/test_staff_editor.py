"""Center staff write in the admin's rich-text editor (issue 15, item 7): it speaks Vietnamese
(tooltips, menus, dialogs), and a picture goes into an article by choosing a file and saying
what it shows; readers then see it on the article's page."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from playwright.sync_api import expect

from news.models import Article
from tests import pictures
from tests.conftest import PHONE
from tests.factories import PASSWORD, center_staff
from tests.news.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
CATALOGUE = Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES/djangojs.po"
ALT = "Bà con xóm 3 học cấy lúa ngoài đồng"
CAPTION = "Buổi học đầu tiên, tháng 12"

# Every label the editor shows (tooltips, accessible names, options, dialog text), leaving out
# the text being edited, the textarea behind it and the names of icons the icon font draws.
UI_STRINGS = """(root) => {
  const strings = new Set()
  const walk = (element) => {
    if (element.matches(".ProseMirror[contenteditable], textarea")) return
    for (const name of ["title", "aria-label", "placeholder"]) {
      const value = element.getAttribute(name)
      if (value && value.trim()) strings.add(value.trim())
    }
    if (!element.classList.contains("material-icons")) {
      for (const node of element.childNodes) {
        if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
          strings.add(node.textContent.trim())
        }
      }
    }
    for (const child of element.children) walk(child)
  }
  walk(root)
  return [...strings]
}"""


def vietnamese_labels():
    """The translations the editor may show: the JavaScript catalogue's msgstrs."""
    labels = {entry.msgstr for entry in polib.pofile(str(CATALOGUE)) if entry.msgstr}
    return labels | {f"Tiêu đề {level}" for level in (2, 3, 4)}


def assert_speaks_vietnamese(locator):
    strings = locator.evaluate(UI_STRINGS)
    english = sorted(set(strings) - vietnamese_labels())
    assert not english, f"labels not in Vietnamese: {english}"
    return strings


def serve_media(page):
    """What nginx does in production: /media/ from MEDIA_ROOT (the test's own folder)."""

    def fulfill(route):
        path = route.request.url.split("/media/", 1)[1].split("?")[0]
        route.fulfill(path=str(Path(settings.MEDIA_ROOT) / path))

    page.route(re.compile(r"/media/"), fulfill)


def log_in(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#user-tools")).to_be_visible()


@pytest.fixture
def article():
    return ArticleFactory(
        title="Tập huấn kỹ thuật cấy lúa vụ đông",
        body="<p>Trung tâm mở lớp tập huấn cho bà con xóm 3.</p>",
    )


def open_body_editor(page, live_server, article):
    page.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
    editor = page.locator(".prose-editor").filter(has=page.locator("#id_body"))
    expect(editor.locator(".prose-menubar")).to_be_visible()
    return editor


def test_staff_insert_a_picture_by_choosing_a_file_and_saying_what_it_shows(
    live_server, page, artifacts_dir, tmp_path, article
):
    photo = tmp_path / "IMG_20261205_0930.jpg"
    photo.write_bytes(pictures.dirty_jpeg(size=(3000, 2000)))
    page.set_viewport_size(DESKTOP)
    serve_media(page)
    log_in(page, live_server, center_staff())
    editor = open_body_editor(page, live_server, article)

    # Every tooltip and menu label, the block-type options included, is in Vietnamese.
    labels = assert_speaks_vietnamese(editor)
    assert {"In đậm", "Danh sách đánh số", "Chèn liên kết", "Chèn bảng", "Chèn ảnh"} <= set(labels)
    assert {"Đoạn văn", "Tiêu đề 2", "Hoàn tác"} <= set(labels)

    editor.locator(".ProseMirror[contenteditable] p").click()
    editor.get_by_role("button", name="Chèn ảnh").click()
    dialog = page.locator("dialog[open]")
    expect(dialog.get_by_role("heading", name="Chèn ảnh")).to_be_visible()
    assert_speaks_vietnamese(dialog)

    # Nothing chosen yet: the dialog says what to do.
    dialog.get_by_role("button", name="Chèn", exact=True).click()
    expect(dialog.locator(".errornote")).to_have_text("Chọn một ảnh: JPEG, PNG hoặc WebP.")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Chọn ảnh…").click()
    chooser.value.set_files(str(photo))
    expect(dialog).to_contain_text(photo.name)
    dialog.get_by_role("button", name="Chèn", exact=True).click()
    description = dialog.get_by_label(re.compile("Ảnh cho thấy gì"))
    assert "người không xem được ảnh" in description.evaluate("input => input.validationMessage")
    description.fill(ALT)
    dialog.get_by_label(re.compile("Chú thích dưới ảnh")).fill(CAPTION)
    page.screenshot(path=artifacts_dir / "admin-editor-insert-picture-desktop.png")
    dialog.get_by_role("button", name="Chèn", exact=True).click()

    picture = editor.locator(".ProseMirror[contenteditable] figure img")
    expect(picture).to_have_attribute("alt", ALT)
    expect(picture).to_have_attribute("src", re.compile(r"^/media/pictures/\d{4}/\d{2}/\w+\.jpg$"))
    expect(editor.locator(".ProseMirror[contenteditable] figcaption")).to_have_text(CAPTION)
    expect(page.locator("dialog[open]")).to_have_count(0)
    assert_speaks_vietnamese(editor)
    page.screenshot(path=artifacts_dir / "admin-editor-picture-inserted-desktop.png")

    # With the picture selected, the same button changes its description, in Vietnamese too.
    picture.click()
    expect(page.get_by_role("button", name="Bỏ chú thích")).to_be_visible()
    editor.get_by_role("button", name="Sửa mô tả ảnh").click()
    dialog = page.locator("dialog[open]")
    expect(dialog.get_by_role("heading", name="Sửa ảnh")).to_be_visible()
    assert_speaks_vietnamese(dialog)
    dialog.get_by_role("button", name="Hủy").click()

    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Đã lưu bài viết")
    body = Article.objects.get(pk=article.pk).body
    assert re.search(
        rf'<figure><img src="/media/pictures/[^"]+\.jpg" alt="{ALT}" width="1080" '
        rf'height="720" loading="lazy"><figcaption>{CAPTION}</figcaption></figure>',
        body,
    ), body

    # Readers see it, on a phone and on a computer.
    for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        page.goto(live_server.url + article.get_absolute_url())
        shown = page.locator(".article-body figure img")
        shown.scroll_into_view_if_needed()
        expect(shown).to_have_attribute("alt", ALT)
        page.wait_for_function(
            "img => img.complete && img.naturalWidth === 1080", arg=shown.element_handle()
        )
        expect(page.locator(".article-body figcaption")).to_have_text(CAPTION)
        width = shown.evaluate("img => img.getBoundingClientRect().width")
        assert width <= size["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        page.screenshot(
            path=artifacts_dir / f"news-article-body-picture-{name}.png", full_page=True
        )


def test_on_a_phone_the_editor_and_its_picture_dialog_fit_and_speak_vietnamese(
    live_server, phone_page, artifacts_dir, article
):
    page = phone_page
    log_in(page, live_server, center_staff())
    editor = open_body_editor(page, live_server, article)
    assert_speaks_vietnamese(editor)
    editor.locator(".prose-menubar").scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "admin-editor-phone.png")
    editor.locator(".ProseMirror[contenteditable] p").click()
    editor.get_by_role("button", name="Chèn ảnh").click()
    dialog = page.locator("dialog[open]")
    assert_speaks_vietnamese(dialog)
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "admin-editor-insert-picture-phone.png")
    dialog.get_by_role("button", name="Hủy").click()
    expect(page.locator("dialog[open]")).to_have_count(0)
