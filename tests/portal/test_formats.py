import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.utils import translation


class DateForm(forms.Form):
    day = forms.DateField()


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_typed_dates_are_read_day_first():
    with translation.override("vi"):
        form = DateForm(data={"day": "05/06/2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2025, 6, 5)
        assert DateForm(data={"day": "25/12/2025"}).is_valid()


def test_month_first_date_is_refused_with_a_vietnamese_message():
    with translation.override("vi"):
        form = DateForm(data={"day": "12/25/2025"})
        assert not form.is_valid()
        assert "Nhập một ngày hợp lệ" in str(form.errors["day"])


def test_dates_are_shown_day_first():
    with translation.override("vi"):
        out = Template("{{ d|date }} {{ t|date:'SHORT_DATETIME_FORMAT' }}").render(
            Context(
                {
                    "d": datetime.date(2025, 12, 25),
                    "t": datetime.datetime(2025, 6, 5, 7, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
                }
            )
        )
    assert out == "25/12/2025 07:30 05/06/2025"


def test_thousands_are_grouped_with_dots():
    with translation.override("vi"):
        assert intcomma(3554) == "3.554"
        assert intcomma(1234567) == "1.234.567"
