"""Demo disclosures: the legacy items of the seed page, and a 2025-2026 set under TT 09/2024.

The 2025-2026 set leaves out the center's Article 11 item on purpose, so the disclosure
calendar shows what a missing item looks like. Files are small generated PDFs that say they
are demo documents. Idempotent: a document is found again by its organization, year and title.
"""

import datetime
import zoneinfo

from django.core.files.base import ContentFile

from core.demo import minimal_pdf
from disclosures.models import Basis, DisclosureDocument
from organizations.models import Organization
from organizations.seed import ensure_organizations

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SCHOOL, CENTER = "truong-thcs-tien-tan", "tthtcd-xa-tien-tan"


def _at(year, month, day):
    return datetime.datetime(year, month, day, 8, 0, tzinfo=TZ)


FORMS_2015 = "<p>Biểu mẫu công khai theo Thông tư 09/2009/TT-BGDĐT của trường THCS Tiên Tân.</p>"

# (organization, school year, basis, form number, title, published, summary)
DOCUMENTS = [
    (SCHOOL, "2015-2016", Basis.LEGACY_FORM, "05",
     "Biểu mẫu công khai 05 năm học 2015-2016", _at(2015, 9, 28),
     FORMS_2015 + "<p>Cam kết chất lượng giáo dục của nhà trường.</p>"),
    (SCHOOL, "2015-2016", Basis.LEGACY_FORM, "09",
     "Biểu mẫu công khai 09 năm học 2015-2016", _at(2015, 9, 28),
     FORMS_2015 + "<p>Chất lượng giáo dục thực tế năm học trước.</p>"),
    (SCHOOL, "2015-2016", Basis.LEGACY_FORM, "10",
     "Biểu mẫu công khai 10 năm học 2015-2016", _at(2015, 9, 28),
     FORMS_2015 + "<p>Điều kiện cơ sở vật chất của nhà trường.</p>"),
    (SCHOOL, "2015-2016", Basis.LEGACY_FORM, "11",
     "Biểu mẫu công khai 11 năm học 2015-2016", _at(2015, 9, 28),
     FORMS_2015 + "<p>Đội ngũ nhà giáo, cán bộ quản lý và nhân viên.</p>"),
    (SCHOOL, "2015-2016", Basis.SCHOOL_YEAR_PLAN, "",
     "Kế hoạch năm học 2015-2016", _at(2015, 9, 15),
     "<p>Kế hoạch năm học; kế hoạch học nghề, kế hoạch bồi dưỡng học sinh giỏi; "
     "kế hoạch tự chọn.</p>"),
    (SCHOOL, "2016-2017", Basis.DIPLOMA_REGISTER, "",
     "Sổ cấp phát bằng TNTHCS năm học 2016-2017", _at(2017, 8, 10),
     "<p>Sổ cấp phát bằng tốt nghiệp trung học cơ sở năm học 2016-2017.</p>"),
    (SCHOOL, "2017-2018", Basis.MONTHLY_PLAN, "",
     "Công tác tháng 9/2017", _at(2017, 9, 1),
     "<p>Kế hoạch công tác tháng 9 năm 2017 của nhà trường.</p>"),
    # 2025-2026 under TT 09/2024: the school's full set, the center without Article 11.
    (SCHOOL, "2025-2026", Basis.TT09_2024_ART4, "",
     "Thông tin chung về Trường THCS Tiên Tân năm học 2025-2026", _at(2025, 9, 20),
     "<p>Tên trường, địa chỉ, sứ mạng, cơ cấu tổ chức và người đại diện.</p>"),
    (SCHOOL, "2025-2026", Basis.TT09_2024_ART5, "",
     "Công khai thu, chi tài chính năm học 2025-2026", _at(2025, 9, 20),
     "<p>Các khoản thu, mức thu và dự toán chi năm học 2025-2026.</p>"),
    (SCHOOL, "2025-2026", Basis.TT09_2024_ART8, "",
     "Điều kiện bảo đảm chất lượng năm học 2025-2026", _at(2025, 10, 2),
     "<p>Đội ngũ giáo viên, phòng học, thiết bị dạy học.</p>"),
    (SCHOOL, "2025-2026", Basis.TT09_2024_ART9, "",
     "Kế hoạch và kết quả giáo dục năm học 2025-2026", _at(2026, 6, 5),
     "<p>Kế hoạch giáo dục nhà trường và kết quả học tập, rèn luyện cuối năm.</p>"),
    (SCHOOL, "2025-2026", Basis.TT09_2024_ART14, "",
     "Báo cáo thường niên năm học 2025-2026 - Trường THCS Tiên Tân", _at(2026, 6, 20),
     "<p>Báo cáo thường niên theo Điều 14 Thông tư 09/2024/TT-BGDĐT.</p>"),
    (CENTER, "2025-2026", Basis.TT09_2024_ART4, "",
     "Thông tin chung về TTHTCĐ xã Tiên Tân năm học 2025-2026", _at(2025, 9, 25),
     "<p>Ban giám đốc, địa điểm học tập và các lĩnh vực hoạt động của trung tâm.</p>"),
    (CENTER, "2025-2026", Basis.TT09_2024_ART5, "",
     "Thu, chi tài chính của TTHTCĐ năm học 2025-2026", _at(2025, 9, 25),
     "<p>Nguồn kinh phí hỗ trợ và các khoản chi cho lớp học cộng đồng.</p>"),
    (CENTER, "2025-2026", Basis.TT09_2024_ART10, "",
     "Điều kiện bảo đảm chất lượng của TTHTCĐ năm học 2025-2026", _at(2025, 10, 5),
     "<p>Cơ sở vật chất, báo cáo viên và cộng tác viên của trung tâm.</p>"),
    (CENTER, "2025-2026", Basis.TT09_2024_ART14, "",
     "Báo cáo thường niên năm học 2025-2026 - TTHTCĐ xã Tiên Tân", _at(2026, 7, 3),
     "<p>Báo cáo thường niên của trung tâm, công bố sau hạn 30/6.</p>"),
]  # fmt: skip


# The second demo center (Tiên Hải): two of its own items for 2025-2026, the organization being
# the one `create_center` made for it.
TIEN_HAI = "tthtcd-xa-tien-hai"
TIEN_HAI_DOCUMENTS = [
    (TIEN_HAI, "2025-2026", Basis.TT09_2024_ART4, "",
     "Thông tin chung về TTHTCĐ xã Tiên Hải năm học 2025-2026", _at(2025, 9, 22),
     "<p>Ban giám đốc, nhà văn hóa các thôn nơi mở lớp và các lĩnh vực hoạt động.</p>"),
    (TIEN_HAI, "2025-2026", Basis.TT09_2024_ART5, "",
     "Thu, chi tài chính của TTHTCĐ xã Tiên Hải năm học 2025-2026", _at(2025, 9, 22),
     "<p>Kinh phí hỗ trợ của UBND xã và các khoản chi cho lớp học.</p>"),
]  # fmt: skip
DEMOS = {"tien-tan": DOCUMENTS, "tien-hai": TIEN_HAI_DOCUMENTS}


def load(stdout, demo="tien-tan"):
    if demo == "tien-tan":
        ensure_organizations(Organization)
    organizations = {o.slug: o for o in Organization.objects.all()}
    created = 0
    for slug, year, basis, form, title, published, summary in DEMOS[demo]:
        organization = organizations[slug]
        if DisclosureDocument.objects.filter(
            organization=organization, school_year=year, title=title
        ).exists():
            continue
        document = DisclosureDocument(
            organization=organization,
            school_year=year,
            basis=basis,
            form_number=form,
            title=title,
            published_at=published,
            status=DisclosureDocument.Status.PUBLISHED,
            summary=summary,
        )
        pdf = minimal_pdf(
            [title, organization.name, f"Nam hoc {year}", "Tai lieu minh hoa (demo)."]
        )
        document.file = ContentFile(pdf, name=f"{document.slug or 'van-ban'}.pdf")
        document.full_clean()
        document.save()
        # As if uploaded on its publish date: the calendar counts the later of the two.
        DisclosureDocument.objects.filter(pk=document.pk).update(created_at=published)
        created += 1
    stdout.write(f"disclosures: {created} documents added (demo files)")
