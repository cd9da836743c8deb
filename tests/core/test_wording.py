"""One voice and one spelling (issue 15, item 11; docs/translation-style.md).

The rules live in scripts/wording.py, which `make check-messages` runs too. They are checked
over every message a Vietnamese reader can meet — the project's compiled catalogues over
Django's own, for the server and the admin's scripts — and over the Vietnamese written in
templates, Python, demo content and docs."""

import pytest

from scripts.wording import catalogue_problems, describe, problems, source_problems


def test_every_translated_message_follows_the_style_note():
    found = catalogue_problems()
    assert not found, "\n".join(["Wording that docs/translation-style.md rules out:", *found])


def test_vietnamese_written_in_the_source_follows_the_style_note():
    found = source_problems()
    assert not found, "\n".join(["Wording that docs/translation-style.md rules out:", *found])


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Cảm ơn bạn. Trung tâm đã nhận đơn.", "pronoun"),
        ("BẠN MUỐN XÓA?", "pronoun"),
        ("Xóm của bạn", "pronoun"),
        ("Xoá dữ liệu", "tone"),
        ("Huỷ", "tone"),
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "tone"),
        ("sức khoẻ", "tone"),
        ("phòng chống ma tuý", "tone"),
        ("Thứ bảy", "weekday"),
        ("Thứ Hai đến thứ Sáu", "weekday"),
        ("Thứ 7", "weekday"),
        ("Chủ Nhật", "weekday"),
        ("xin thông báo mở lớp Lớp tin học", "class-twice"),
        ("ghi danh lớp “Lớp tin học”", "class-twice"),
        ("Điều gì xảy ra tiếp theo", "calque"),
        ("Chọn mục này để thực hiện hoạt động", "calque"),
        ("Thêm vào", "calque"),
        ("Trang web admin Django", "calque"),
    ],
)
def test_a_wrong_form_is_caught_and_explained(text, rule):
    found = problems(text)
    assert [r.name for r, _ in found] == [rule]
    assert "docs/translation-style.md#" in describe(*found[0])


def test_a_misplaced_tone_is_shown_with_its_right_spelling():
    assert "(write “Xóa”)" in describe(*problems("Xoá")[0])
    assert "(write “hủy”)" in describe(*problems("hãy huỷ")[0])


@pytest.mark.parametrize(
    "text",
    [
        "Bà con đã ghi danh lớp này rồi",
        "bạn bè trong xóm",  # friends, not a pronoun
        "Xóa, hủy, hòa, thủy, khỏe, tòa",
        "quý, quỹ, Quỳnh",  # u belongs to qu
        "hoàn thành, toán, thuyền, khuỷu, ngoài",  # a final after the pair
        "Thứ Hai đến Thứ Bảy, Chủ nhật nghỉ",
        "không có đơn thứ hai nào",  # an ordinal
        "xin thông báo mở lớp tin học",
        "Thêm vào lịch điện thoại",
    ],
)
def test_the_house_style_passes(text):
    assert problems(text) == []
