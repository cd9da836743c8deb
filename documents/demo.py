"""Demo library documents (`load_demo` runs `load` for each demo center): the real national
texts a learning center works by, with their real numbers and dates, and a commune plan of each
demo center (invented, and saying so). The files are small generated PDFs (core.demo) standing
in for the official ones; each entry links to where the official text is published.
Idempotent by number and title."""

import datetime

from django.core.files.base import ContentFile

from core.demo import minimal_pdf
from documents.models import Kind, LegalDocument

NATIONAL = [
    (Kind.LAW, "43/2019/QH14", "Quốc hội", datetime.date(2019, 6, 14), datetime.date(2020, 7, 1),
     "Luật Giáo dục",
     "Giáo dục thường xuyên và trung tâm học tập cộng đồng trong hệ thống giáo dục quốc dân."),
    (Kind.CIRCULAR, "09/2024/TT-BGDĐT", "Bộ Giáo dục và Đào tạo", datetime.date(2024, 6, 3),
     datetime.date(2024, 7, 19),
     "Quy định về công khai trong hoạt động của các cơ sở giáo dục "
     "thuộc hệ thống giáo dục quốc dân",
     "Trung tâm và nhà trường công khai những gì, khi nào và ở đâu: thay thế Thông tư "
     "36/2017/TT-BGDĐT."),
    (Kind.DECISION, "1373/QĐ-TTg", "Thủ tướng Chính phủ", datetime.date(2021, 7, 30), None,
     "Phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”",
     "Mục tiêu học tập suốt đời cho mọi người dân đến năm 2030, trong đó có vai trò của trung "
     "tâm học tập cộng đồng."),
]  # fmt: skip

LOCAL = {
    "tien-tan": (Kind.PLAN, "12/KH-UBND", "UBND xã Tiên Tân", datetime.date(2026, 1, 15),
                 "Kế hoạch hoạt động của Trung tâm học tập cộng đồng xã Tiên Tân năm 2026",
                 "Các lớp dự kiến mở trong năm theo nhu cầu bà con (văn bản mẫu của trang thử)."),
    "tien-hai": (Kind.PLAN, "08/KH-UBND", "UBND xã Tiên Hải", datetime.date(2026, 1, 20),
                 "Kế hoạch xây dựng xã hội học tập xã Tiên Hải năm 2026",
                 "Mục tiêu và các hoạt động học tập cộng đồng trong năm "
                 "(văn bản mẫu của trang thử)."),
}  # fmt: skip


def load(stdout, demo="tien-tan"):
    made = 0
    local = LOCAL.get(demo)
    rows = list(NATIONAL)
    if local:
        kind, number, issuer, issued, title, summary = local
        rows.append((kind, number, issuer, issued, None, title, summary))
    for kind, number, issuer, issued, effective, title, summary in rows:
        if LegalDocument.objects.filter(number=number, title=title).exists():
            continue
        document = LegalDocument(
            kind=kind,
            number=number,
            issuer=issuer,
            issued_on=issued,
            effective_on=effective,
            title=title,
            summary=summary,
            status=LegalDocument.Status.PUBLISHED,
        )
        pdf = minimal_pdf([f"{number}", title[:70], issuer, "Ban mau cua trang thu"])
        document.file.save("van-ban.pdf", ContentFile(pdf), save=False)
        document.save()
        made += 1
    stdout.write(f"Documents: {made} made.")
