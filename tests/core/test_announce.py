"""core.announce: what the loudspeaker announcer reads, in words that read aloud well."""

import datetime

import pytest

from core.announce import (
    loudspeaker_script,
    plain_text_response,
    poster_fit,
    reading_minutes,
    shorten,
    speakable,
    spoken_date,
    spoken_time,
)


def test_dates_are_spoken_in_words():
    assert spoken_date(datetime.date(2026, 3, 15)) == "ngày 15 tháng 3 năm 2026"
    assert spoken_date(datetime.date(2026, 3, 15), weekday=True) == (
        "Chủ nhật, ngày 15 tháng 3 năm 2026"
    )
    assert spoken_date(datetime.date(2026, 3, 17), weekday=True).startswith("Thứ Ba, ngày 17")


def test_times_are_spoken_in_words():
    assert spoken_time(datetime.time(8, 30)) == "8 giờ 30"
    assert spoken_time(datetime.time(19, 0)) == "19 giờ"
    assert spoken_time(datetime.time(7, 5)) == "7 giờ 05"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Họp lúc 8h30 ngày 15/03/2026.", "Họp lúc 8 giờ 30 ngày 15 tháng 3 năm 2026."),
        ("Ngày 5/9/2016 khai giảng", "Ngày 5 tháng 9 năm 2016 khai giảng"),
        ("từ 19:00–21:00 tối thứ Ba", "từ 19 giờ đến 21 giờ tối thứ Ba"),
        ("hạn chót ngày 20/11", "hạn chót ngày 20 tháng 11"),
        ("tập trung lúc 7g30", "tập trung lúc 7 giờ 30"),
        ("tại hội trường UBND xã", "tại hội trường Ủy ban nhân dân xã"),
        ("TTHTCĐ xã Tiên Tân", "Trung tâm học tập cộng đồng xã Tiên Tân"),
        ("giai đoạn 2012–2019", "giai đoạn 2012 đến 2019"),
        # Left alone: a fraction, a field size, a time with seconds, an impossible date.
        ("1/2 số hộ trồng 8ha lúa", "1/2 số hộ trồng 8ha lúa"),
        ("lúc 12:30:45", "lúc 12:30:45"),
        ("ngày 31/02/2026", "ngày 31/02/2026"),
    ],
)
def test_speakable_spells_out_what_an_announcer_would_stumble_over(written, said):
    assert speakable(written) == said


def test_shorten_cuts_at_a_sentence_end():
    text = "Câu một có năm chữ. Câu hai cũng có sáu chữ. Câu ba."
    assert shorten(text, 12) == "Câu một có năm chữ. Câu hai cũng có sáu chữ."
    assert shorten(text, 100) == text


def test_shorten_cuts_a_long_sentence_at_a_word_for_print_but_never_for_speech():
    text = "một hai ba bốn năm sáu bảy tám chín mười."
    assert shorten(text, 4) == "một hai ba bốn…"
    assert shorten(text, 4, whole_sentences=True) == ""


def test_the_script_greets_repeats_and_closes():
    paragraphs = loudspeaker_script(
        content=["Họp dân lúc 8h ngày 15/3/2026"],
        contact=["Liên hệ UBND xã"],
        reminder=["Họp dân ngày 15/3/2026"],
    )
    assert paragraphs[0] == "Kính thưa bà con nhân dân trong xã!"
    assert paragraphs[1] == "Họp dân lúc 8 giờ ngày 15 tháng 3 năm 2026."
    assert paragraphs[2] == "Liên hệ Ủy ban nhân dân xã."
    assert paragraphs[3] == "Xin nhắc lại: Họp dân ngày 15 tháng 3 năm 2026."
    assert paragraphs[-1] == "Xin cảm ơn bà con đã chú ý lắng nghe!"


def test_reading_time_is_about_a_minute_for_160_words():
    assert reading_minutes(["chữ " * 160]) == 1
    assert reading_minutes(["chữ " * 330]) == 2
    assert reading_minutes(["ngắn"]) == 1


def test_the_text_file_is_utf8_with_a_bom_and_no_html():
    response = plain_text_response(
        "Họp dân", ["Kính thưa bà con!", "Xin cảm ơn."], "hop-dan-loa.txt"
    )
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="hop-dan-loa.txt"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert (
        response.content.decode("utf-8-sig")
        == "HỌP DÂN\r\n\r\nKính thưa bà con!\r\n\r\nXin cảm ơn.\r\n"
    )


def test_a_poster_shrinks_its_type_only_as_much_as_its_length_needs():
    assert poster_fit("Họp dân xóm Đông", ["Tối thứ Bảy, 19 giờ."], rows=2) == ""
    assert poster_fit("T" * 200, ["x" * 300], rows=3) == "poster-compact"
    assert poster_fit("T" * 200, ["x" * 200] * 5, rows=8) == "poster-dense"
