"""A demo week of meetings and events (`load_demo` runs `load` for each demo center), dated
from this week's Monday so the calendar is never empty on a demo. Invented, the kind a
commune learning center has. Idempotent by title and date."""

import datetime

from django.utils import timezone

from agenda.models import Event

# (day of the week 0–6, start, end, title, kind, place, chaired by, taking part)
WEEK = {
    "tien-tan": [
        (0, "07:30", "09:00", "Giao ban tuần của Ban giám đốc trung tâm", Event.Kind.MEETING,
         "Phòng họp UBND xã", "Giám đốc trung tâm", "Ban giám đốc, cán bộ trung tâm"),
        (2, "14:00", "16:30", "Họp triển khai kế hoạch mở lớp trồng cây cảnh", Event.Kind.MEETING,
         "Hội trường UBND xã", "Phó Giám đốc trung tâm", "Hội Nông dân xã, trưởng các xóm"),
        (4, None, None, "Tuyên truyền phòng chống lừa đảo qua mạng trên loa truyền thanh",
         Event.Kind.CAMPAIGN, "Các xóm", "", "Đài truyền thanh xã"),
        (5, "08:00", "11:00", "Ngày hội đọc sách cho thiếu nhi", Event.Kind.EVENT,
         "Nhà văn hóa xóm 3", "Đoàn Thanh niên xã", "Thiếu nhi và phụ huynh"),
    ],
    "tien-hai": [
        (1, "08:00", "10:00", "Giao ban tuần trung tâm", Event.Kind.MEETING,
         "Phòng họp UBND xã Tiên Hải", "Giám đốc trung tâm", "Cán bộ trung tâm"),
        (3, "19:00", "21:00", "Sinh hoạt câu lạc bộ dưỡng sinh", Event.Kind.EVENT,
         "Nhà văn hóa thôn Đông", "", "Hội Người cao tuổi"),
    ],
}  # fmt: skip


def _time(text):
    return datetime.time.fromisoformat(text) if text else None


def load(stdout, demo="tien-tan"):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    made = 0
    for day, start, end, title, kind, place, chair, who in WEEK.get(demo, []):
        date = monday + datetime.timedelta(days=day)
        _event, created = Event.objects.get_or_create(
            title=title,
            date=date,
            defaults={
                "kind": kind,
                "start_time": _time(start),
                "end_time": _time(end),
                "place": place,
                "chaired_by": chair,
                "participants": who,
            },
        )
        made += created
    stdout.write(f"Work calendar: {made} meetings and events made.")
