"""The TT 25/2023 checklist and the TT 44/2014 result, as first entered: configuration.

Sources (research notes of issue 8, docs/staff-guide.md says how to correct them):
- Criterion titles 1–5 and "5 tiêu chí, 15 chỉ tiêu": press summaries of the circular (TTXVN,
  tapchivietduc), level rule "đạt đủ các tiêu chí", levels 1 (Khá) and 2 (Tốt).
- Indicators 1.1–2.3: an English summary of the circular (lawnet.vn), back-translated: marked
  "summary" until staff compare them with the official text.
- Criteria 3–5: their indicators (9 of the 15) were not found. Each is one placeholder row that
  says so, rather than invented wording or an invented split. Level 2 asks more than level 1
  for criteria 4 and 5 (tapchivietduc); by how much was not found.
- TT 44/2014: the seed article says the commune "qua kiểm tra của thành phố đạt 93.5 điểm" in
  a report on 2012–2019. It names neither the year nor the classification; TT 44/2014 applied
  from 2015.

Migration 0005 loads these on the first deploy; the demo loader and the tests call the
`ensure_*` functions after a database flush. They add what is missing and never change rows
staff have edited.
"""

from assessment.models import TT25_2023

SUMMARY_SOURCE = f"{TT25_2023} (theo bản tóm tắt, chưa đối chiếu văn bản gốc)"
MISSING_SOURCE = f"{TT25_2023} (chưa tìm được văn bản gốc)"
CHECK_TEXT = "Chỉ tiêu — cần đối chiếu văn bản gốc"

CRITERIA = {
    1: "Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp xã",
    2: "Huy động nguồn lực và tạo môi trường thuận lợi để thực hiện xây dựng xã hội học tập "
    "ở địa phương",
    3: "Hiệu quả hoạt động của trung tâm học tập cộng đồng và thư viện công cộng cấp xã, "
    "trung tâm văn hóa, thể thao cấp xã",
    4: "Kết quả phổ cập giáo dục, xóa mù chữ",
    5: "Tác dụng của việc xây dựng “Cộng đồng học tập” cấp xã",
}

PLACEHOLDER = (
    "{check}: các chỉ tiêu của tiêu chí {n} chưa có trong tài liệu đã tra cứu (thông tư có 15 "
    "chỉ tiêu, 6 chỉ tiêu của tiêu chí 1 và 2 ở trên). Nhập đúng nội dung và mã từng chỉ tiêu "
    "trong trang quản trị; đến lúc đó, dòng này được đánh giá chung cho cả tiêu chí."
)
HIGHER_AT_LEVEL2 = "Chỉ tiêu cao hơn mức độ 1 — cần đối chiếu văn bản gốc"

# code, criterion, wording, wording status, level-2 threshold, portal check, order
INDICATORS = [
    ("1.1", 1,
     "Thực hiện tốt công tác tuyên truyền nâng cao nhận thức cho cộng đồng về học tập suốt "
     "đời, xây dựng xã hội học tập.",
     "summary", "", "", 1),
    ("1.2", 1,
     "Xây dựng chương trình, kế hoạch thực hiện công tác xây dựng xã hội học tập hằng năm và "
     "tổ chức thực hiện đầy đủ.",
     "summary", "", "plan-and-report", 2),
    ("1.3", 1,
     "Xây dựng kế hoạch và tổ chức các hoạt động cụ thể hưởng ứng “Tuần lễ hưởng ứng học tập "
     "suốt đời” và báo cáo theo quy định.",
     "summary", "", "lifelong-week", 3),
    ("2.1", 2,
     "Bố trí đủ kinh phí từ ngân sách nhà nước hằng năm theo quy định của pháp luật về ngân "
     "sách để xây dựng xã hội học tập.",
     "summary", "", "", 1),
    ("2.2", 2,
     "Thực hiện công tác tham mưu, vận động nguồn lực xã hội tham gia xây dựng xã hội học "
     "tập theo chủ trương xã hội hóa, đạt kết quả tích cực.",
     "summary", "", "", 2),
    ("2.3", 2,
     "Xây dựng cơ chế phối hợp giữa Hội Khuyến học xã, các tổ chức chính trị - xã hội cấp "
     "xã với các cơ sở giáo dục, thiết chế văn hóa trên địa bàn trong xây dựng xã hội học tập.",
     "summary", "", "", 3),
    ("3.x", 3, PLACEHOLDER.format(check=CHECK_TEXT, n=3), "missing", "", "classes-held", 1),
    ("4.x", 4, PLACEHOLDER.format(check=CHECK_TEXT, n=4), "missing", HIGHER_AT_LEVEL2, "", 1),
    ("5.x", 5, PLACEHOLDER.format(check=CHECK_TEXT, n=5), "missing", HIGHER_AT_LEVEL2, "", 1),
]  # fmt: skip

LEGACY_RESULTS = [
    {
        "scheme": "Thông tư 44/2014/TT-BGDĐT",
        "year": None,
        "period": "khoảng 2015–2019",
        "points": "93.5",
        "max_points": 100,
        "classification": "",
        "assessed_by": "Thành phố Phủ Lý (kiểm tra)",
        "source_note": (
            "Bài “Trung tâm học tập cộng đồng xã Tiên Tân điểm sáng xây dựng xã hội học tập” "
            "(tổng kết giai đoạn 2012–2019): “Thực hiện Thông tư số 44/2014/TT-BGDĐT … qua "
            "kiểm tra của thành phố đạt 93.5 điểm.” Bài không ghi năm đánh giá và xếp loại."
        ),
    },
]


def ensure_indicators(indicator_model):
    """Create the checklist rows that are missing (by code); never touch edited ones."""
    for code, criterion, wording, status, level2, evidence, order in INDICATORS:
        indicator_model.objects.get_or_create(
            code=code,
            defaults={
                "criterion": criterion,
                "criterion_title": CRITERIA[criterion],
                "wording": wording,
                "wording_status": status,
                "threshold_level2": level2,
                "source": SUMMARY_SOURCE if status == "summary" else MISSING_SOURCE,
                "evidence_key": evidence,
                "order": order,
            },
        )


def ensure_legacy_results(result_model):
    """The TT 44/2014 result of the seed article, unless it is there (by scheme and points)."""
    for values in LEGACY_RESULTS:
        result_model.objects.get_or_create(
            scheme=values["scheme"], points=values["points"], defaults=values
        )
