"""Taking attendance on a small phone (item 5): every choice of every learner, "Đến muộn" the
widest, can be seen whole and tapped, nothing covers it, the last learner included; and a
learner who came late counts as having come."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import AttendanceMark
from tests.attendance.factories import EnrollmentFactory, LearnerFactory
from tests.classes.factories import CourseFactory, SessionFactory
from tests.factories import PASSWORD, center_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = [
    "Nguyễn Thị Hồng Nhung", "Trần Văn Thưởng", "Lê Thị Hương Giang", "Phạm Văn Đức",
    "Hoàng Thị Thu Hằng", "Vũ Văn Khánh", "Đặng Thị Ngọc Ánh", "Bùi Văn Quyết",
    "Đỗ Thị Phương Thảo", "Ngô Văn Trường", "Dương Thị Minh Nguyệt", "Lý Văn Vượng",
]  # fmt: skip

# Scrolled to `block`, then measured once the label has stopped moving (the same box in two
# drawn frames in a row): where it is, whether it is whole on screen, and what a tap at its
# centre would hit. A label that never settles is measured where it is after a second of
# frames, and then fails like any misplaced one.
SEEN = """async (label, block) => {
  label.scrollIntoView({block, behavior: "instant"});
  const box = () => JSON.stringify(label.getBoundingClientRect());
  const frame = () => new Promise(requestAnimationFrame);
  let before = box();
  for (let frames = 0; frames < 60; frames++) {
    await frame();
    const after = box();
    if (after === before) break;
    before = after;
  }
  const r = label.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const save = document.querySelector(".attendance-form [type=submit]").getBoundingClientRect();
  const under = r.bottom > save.top && r.top < save.bottom
    && r.right > save.left && r.left < save.right;
  return {
    // (to the nearest pixel: scrolling leaves fractions such as 740.08)
    whole: Math.round(r.top) >= 0 && Math.round(r.left) >= 0
      && Math.round(r.bottom) <= innerHeight && Math.round(r.right) <= innerWidth,
    rect: [r.top, r.bottom, r.left, r.right, innerHeight],
    tapped: label.contains(hit),
    underSave: under,
    clipped: label.scrollWidth > label.clientWidth,
  };
}"""


@pytest.mark.parametrize("width", [360, 320])
def test_every_late_choice_is_whole_and_tappable_on_a_small_phone(
    live_server, page, artifacts_dir, width
):
    staff = center_staff(username=f"canbo-{width}")
    course = CourseFactory(title="Dưỡng sinh mùa đông")
    session = SessionFactory(course=course, date=timezone.localdate())
    enrollments = [
        EnrollmentFactory(course=course, learner=LearnerFactory(full_name=n)) for n in NAMES
    ]
    page.set_viewport_size({"width": width, "height": 740})
    sheet_url = f"{live_server.url}/quan-ly/diem-danh/{course.slug}/buoi-{session.pk}/"
    page.goto(sheet_url)
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    # Back on the sheet with its stylesheet applied. The labels are in the DOM before site.css
    # arrives (late on a loaded machine), and measured unstyled a label is an inline box wrapped
    # over two lines whose centre lies on its neighbour; the phone never shows that page.
    page.wait_for_url(sheet_url, wait_until="load")
    late = page.locator("label.mark-late")
    expect(late).to_have_count(len(NAMES))
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    for i in range(len(NAMES)):
        # Scrolled to the bottom edge of the screen (where a thumb leaves it), the middle and
        # the top: whole, not under the save button, and a tap there reaches it.
        for block in ("end", "center", "start"):
            seen = late.nth(i).evaluate(SEEN, block)
            rect = seen.pop("rect")
            assert seen == {
                "whole": True,
                "tapped": True,
                "underSave": False,
                "clipped": False,
            }, (NAMES[i], block, seen, rect)

    last_name = page.locator("fieldset.mark-row legend").last.inner_text().split(". ", 1)[1]
    late.last.click()  # the last learner, then the save button right after
    expect(page.locator("input[value=late]").last).to_be_checked()
    page.screenshot(path=artifacts_dir / f"attendance-late-{width}px.png", full_page=True)
    page.get_by_role("button", name="Lưu điểm danh").click()
    # Late is there: 12 learners, none away.
    expect(
        page.get_by_text("Đã lưu điểm danh cho 12 học viên (0 người không có mặt).")
    ).to_be_visible()
    (mark,) = AttendanceMark.objects.filter(status="late").select_related("enrollment__learner")
    assert mark.enrollment.learner.full_name == last_name
    assert AttendanceMark.objects.filter(status="present").count() == len(enrollments) - 1
    expect(page.get_by_text("đã điểm danh: 12/12 có mặt")).to_be_visible()
