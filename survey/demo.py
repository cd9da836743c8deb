"""Demo answers to the learning-needs survey, so staff can try the demand page (idempotent).

The names are clearly made up ("Thử", "Mẫu", "Ví Dụ"): no real person's data in the demo.
"""

import datetime
import uuid

from django.utils import timezone

from core.hamlets import ensure_defaults
from core.models import Hamlet
from survey.forms import survey_consent_text
from survey.models import SurveyResponse
from survey.services import survey_response_create

# Survey answers: (hamlet position, kinds, free topic, times, seasons, contact name, phone).
# Spread so the demand page shows a clear first choice (computer skills, then farming
# techniques) and typed topics that group ("Nấu ăn", "nấu ăn", "học nấu ăn").
SURVEY = [
    (1, ["it"], "", ["evening"], ["after-autumn"], "Nguyễn Thị Thử Một", "0912000101"),
    (1, ["technical", "health"], "", ["morning"], ["after-spring"], "", ""),
    (2, ["it"], "Nấu ăn", ["evening"], ["tet"], "", ""),
    (2, ["technical"], "", ["afternoon"], ["after-spring", "after-autumn"], "", ""),
    (3, ["it", "law"], "", ["evening"], ["any"], "Trần Văn Mẫu Hai", "0912000102"),
    (3, ["health"], "", ["morning"], ["after-autumn"], "", ""),
    (4, ["vocational"], "Sửa xe máy", ["afternoon"], ["after-autumn"], "Lê Văn Ví Dụ Ba", ""),
    (4, ["it"], "", ["evening"], ["after-autumn"], "", ""),
    (5, ["technical"], "", ["morning", "afternoon"], ["after-spring"], "", ""),
    (5, ["culture"], "", ["evening"], ["tet"], "", ""),
    (6, ["it", "vocational"], "", ["evening"], ["any"], "Phạm Thị Demo Bốn", "0912000104"),
    (6, ["health"], "nấu ăn", ["afternoon"], ["after-spring"], "", ""),
    (7, ["technical"], "", ["morning"], ["after-autumn"], "", ""),
    (7, ["law"], "", ["evening"], ["any"], "", ""),
    (8, ["it"], "", ["evening"], ["after-spring"], "Hoàng Văn Thử Năm", "0912000105"),
    (8, ["technical", "it"], "", ["afternoon"], ["after-autumn"], "", ""),
    (9, ["culture", "health"], "", ["morning"], ["any"], "", ""),
    (9, [], "Học nấu ăn", ["evening"], ["tet"], "Vũ Thị Mẫu Sáu", "0912000106"),
    (10, ["vocational"], "May mặc", ["afternoon"], ["after-autumn"], "", ""),
    (10, ["it"], "", ["evening"], ["after-autumn", "tet"], "", ""),
    (1, ["literacy"], "", ["afternoon"], ["any"], "", ""),
    (2, ["technical"], "Nuôi ong", ["morning"], ["after-spring"], "", ""),
    (3, ["it"], "", ["evening"], ["after-spring"], "", ""),
    (4, ["health"], "", ["morning"], ["any"], "Đỗ Thị Ví Dụ Bảy", "0912000107"),
    (5, ["it", "culture"], "", ["evening"], ["tet"], "", ""),
    (6, ["technical"], "", ["afternoon"], ["after-autumn"], "", ""),
    (7, ["vocational"], "Sửa xe máy", ["evening"], ["after-autumn"], "", ""),
    (8, ["law", "health"], "", ["morning"], ["any"], "", ""),
    (9, ["it"], "", ["evening"], ["after-autumn"], "Bùi Văn Demo Tám", "0912000108"),
    (10, ["technical"], "", ["morning"], ["after-spring"], "", ""),
    (1, ["culture"], "Múa quạt", ["evening"], ["tet"], "", ""),
    (2, ["it"], "", ["afternoon"], ["any"], "", ""),
    (3, ["technical", "vocational"], "", ["morning"], ["after-autumn"], "", ""),
    (4, ["literacy"], "", ["evening"], ["after-spring"], "", ""),
    (5, ["health"], "", ["morning"], ["after-autumn"], "Ngô Thị Thử Chín", "0912000109"),
    (6, ["it"], "", ["evening"], ["after-autumn"], "", ""),
    (7, ["technical"], "", ["afternoon"], ["any"], "", ""),
    (8, ["culture"], "", ["evening"], ["tet"], "", ""),
    (9, ["vocational"], "", ["afternoon"], ["after-spring"], "", ""),
    (10, ["it", "health"], "", ["morning", "evening"], ["any"], "", ""),
]
# The second demo center (Tiên Hải): a handful of answers in its own hamlets.
TIEN_HAI_SURVEY = [
    (1, ["it"], "", ["evening"], ["any"], "Đinh Thị Thử Hải", "0912000201"),
    (2, ["technical"], "Trồng nấm", ["afternoon"], ["after-spring"], "", ""),
    (3, ["it", "health"], "", ["evening"], ["after-autumn"], "", ""),
    (4, ["culture"], "", ["morning"], ["tet"], "", ""),
    (5, ["technical"], "trồng nấm", ["afternoon"], ["any"], "", ""),
    (1, ["law"], "", ["evening"], ["any"], "", ""),
]
# Fixed tokens make the demo idempotent: a second run finds every answer already there.
_SURVEY_NS = uuid.UUID("6f1d2c3e-5a4b-4c7d-9e8f-102030405060")
DEMOS = {"tien-tan": ("", SURVEY), "tien-hai": ("tien-hai-", TIEN_HAI_SURVEY)}


def load(stdout, demo="tien-tan"):
    token_prefix, answers = DEMOS[demo]
    ensure_defaults(Hamlet)
    hamlets = {h.position: h for h in Hamlet.objects.filter(is_other=False)}
    today = timezone.localdate()
    made = 0
    for i, (position, kinds, other, times, seasons, name, phone) in enumerate(answers):
        paper = i % 3 == 0  # a third came in on paper
        _response, created = survey_response_create(
            hamlet=hamlets.get(position) or Hamlet.objects.first(),
            kinds=kinds,
            other_topic=other,
            times=times,
            seasons=seasons,
            full_name=name,
            phone=phone,
            consent_text=survey_consent_text() if (name or phone) else "",
            source=SurveyResponse.Source.PAPER if paper else SurveyResponse.Source.ONLINE,
            answered_on=today - datetime.timedelta(days=3 * i),
            submission_token=uuid.uuid5(_SURVEY_NS, f"{token_prefix}{i}"),
        )
        made += created
    stdout.write(f"survey: {made} demo survey answers added")
    stdout.write(
        f"survey: what the demo invented — {len(answers)} survey answers, their names made up "
        f"(“{answers[0][5]}”…); staff pages only, never public."
    )
