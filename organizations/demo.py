"""Demo profile of the center: introduction, functions, history and people (`load_demo`
runs `load` for each demo center; the second one, Tiên Hải, gets a short invented profile).

The history and the record come from the seed article (2012–2019). The article names no
person, phone or e-mail: the names ("Nguyễn Văn A"…), numbers (0900 000 00x, 0226 3000 000)
and addresses (@example.vn) below are made up, and the rows say so (`Person.is_example`,
`Organization.contact_is_example`): pages mark them "Ví dụ", printed material leaves them
out, and staff replace them (docs/staff-guide.md).
Idempotent: fills only empty fields and adds people only when the center has none, so it never
overwrites what staff typed; people and a contact an earlier demo made without the flag, still
exactly as it made them, get it.
"""

from organizations.models import Organization, Person
from organizations.seed import ensure_organizations

CENTER_SLUG = "tthtcd-xa-tien-tan"

PROFILE = {
    "address": "Trụ sở UBND xã Tiên Tân, thành phố Phủ Lý, tỉnh Hà Nam",
    "phone": "0226 3000 000",
    "email": "tthtcd.tientan@example.vn",
    "office_hours": (
        "Thứ Hai đến Thứ Sáu: sáng 7:30–11:30, chiều 13:30–17:00.\n"
        "Lớp buổi tối và ngày nghỉ theo lịch từng lớp."
    ),
    "directions": (
        "Trung tâm làm việc tại trụ sở UBND xã Tiên Tân; các lớp học thường mở tại Hội "
        "trường UBND xã. Đến trụ sở, hỏi bộ phận tiếp dân để được chỉ phòng."
    ),
    "map_url": "https://www.openstreetmap.org/search?query=Ti%C3%AAn%20T%C3%A2n%2C%20Ph%E1%BB%A7%20L%C3%BD",
    "introduction": (
        "<p>Trung tâm học tập cộng đồng (TTHTCĐ) xã Tiên Tân, thành phố Phủ Lý, tỉnh Hà Nam là "
        "nơi mọi người dân trong xã, ở mọi lứa tuổi, được học tập suốt đời theo phương châm "
        "<strong>“cần gì học nấy”</strong>: lớp dạy nghề, tập huấn kỹ thuật trồng lúa và chăn "
        "nuôi, tuyên truyền pháp luật, chăm sóc sức khỏe, tin học, phổ cập giáo dục, văn hóa "
        "và thể thao.</p>"
        "<p>Xã có trên 5.800 nhân khẩu, sống chủ yếu bằng trồng lúa và chăn nuôi theo hộ gia "
        "đình; những năm gần đây nghề mộc, nghề xây và dịch vụ phát triển. Hằng năm trung tâm "
        "điều tra nhu cầu học tập của nhân dân rồi lập kế hoạch hoạt động theo từng tháng.</p>"
    ),
    "functions": (
        "<p>Theo Quy chế tổ chức và hoạt động của trung tâm học tập cộng đồng tại xã, phường, "
        "thị trấn (ban hành kèm theo Quyết định số 09/2008/QĐ-BGDĐT, sửa đổi, bổ sung bởi Thông "
        "tư số 40/2010/TT-BGDĐT), trung tâm là cơ sở giáo dục thường xuyên, trung tâm học tập "
        "tự chủ của cộng đồng cấp xã, tạo điều kiện để mọi người được học tập suốt đời.</p>"
        "<h3>Nhiệm vụ</h3>"
        "<ul>"
        "<li>Tổ chức các lớp xóa mù chữ và giáo dục tiếp tục sau khi biết chữ; góp phần củng "
        "cố kết quả phổ cập giáo dục.</li>"
        "<li>Tuyên truyền, phổ biến chủ trương, chính sách của Đảng, pháp luật của Nhà nước và "
        "kiến thức khoa học kỹ thuật đến nhân dân.</li>"
        "<li>Phối hợp với các cơ quan khuyến nông, khuyến công, dạy nghề mở lớp tập huấn, "
        "chuyển giao kỹ thuật và dạy nghề.</li>"
        "<li>Tổ chức hoạt động văn hóa, văn nghệ, thể dục thể thao, đọc sách báo, tư vấn giáo "
        "dục, phòng chống tệ nạn xã hội.</li>"
        "<li>Điều tra nhu cầu học tập của cộng đồng, xây dựng nội dung và hình thức học tập "
        "phù hợp.</li>"
        "<li>Quản lý tài chính, cơ sở vật chất và trang thiết bị của trung tâm.</li>"
        "</ul>"
        "<h3>Tổ chức</h3>"
        "<p>Giám đốc trung tâm là lãnh đạo UBND xã kiêm nhiệm; các Phó Giám đốc phụ trách "
        "thường trực, phổ cập giáo dục và điều tra nhu cầu học tập; cán bộ, giáo viên, báo cáo "
        "viên và cộng tác viên do các ban, ngành, đoàn thể và nhà trường cử.</p>"
    ),
    "history": (
        "<p>Thực hiện Quyết định số 89/QĐ-TTg ngày 09/01/2013 của Thủ tướng Chính phủ phê "
        "duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2012–2020”, UBND xã Tiên Tân xây dựng "
        "kế hoạch thực hiện và kiện toàn Ban chỉ đạo xây dựng xã hội học tập. Hằng năm UBND xã "
        "có công văn chỉ đạo; các ban, ngành, đoàn thể lập kế hoạch tham gia.</p>"
        "<h3>Kết quả 2012–2019</h3>"
        "<p>Từ năm học 2012 đến 2019 trung tâm đã mở <strong>50 lớp</strong> với "
        "<strong>3.554 lượt học viên</strong>.</p>"
        "<ul>"
        "<li>Phối hợp với Trung tâm dạy nghề của huyện và cơ quan của tỉnh mở các lớp dạy "
        "nghề: 2 lớp trồng cây cảnh (70 học viên), 1 lớp mộc mỹ nghệ (35 học viên), 2 lớp may "
        "công nghiệp (70 học viên), 2 lớp chăn nuôi lợn (66 học viên); cùng Chi cục Bảo vệ "
        "thực vật tỉnh mở 1 lớp trồng lúa (35 học viên).</li>"
        "<li>Chủ trì và phối hợp với các ban, ngành, đoàn thể tổ chức 24 lớp tập huấn: kỹ thuật "
        "sử dụng phân bón và chăm sóc lúa, sản xuất lúa; tuyên truyền Luật Giao thông đường "
        "bộ, Luật Khiếu nại, Luật Tố cáo; kỹ năng sống cho hội viên Hội Người cao tuổi.</li>"
        "<li>Công tác phổ cập do Phó Giám đốc thường trực phụ trách: xã không còn người mù "
        "chữ, trẻ em trong độ tuổi đều được đến trường.</li>"
        "<li>Hoạt động văn hóa, văn nghệ, thể dục thể thao vào các ngày lễ, có sự tham gia của "
        "các xóm, cơ quan, trường học.</li>"
        "</ul>"
        "<h3>Ghi nhận</h3>"
        "<p>Trung tâm có 5 năm được đánh giá khá, tốt; được Sở Giáo dục và Đào tạo tỉnh Hà Nam "
        "tặng giấy khen 2 lần, 3 cá nhân được Giám đốc Sở tặng giấy khen. Đánh giá, xếp loại "
        "“Cộng đồng học tập” cấp xã theo Thông tư số 44/2014/TT-BGDĐT, xã đạt 93,5 điểm qua "
        "kiểm tra của thành phố.</p>"
    ),
    "chart_description": (
        "UBND xã chỉ đạo trung tâm. Giám đốc (lãnh đạo UBND xã kiêm nhiệm) điều hành chung; "
        "Phó Giám đốc thường trực phụ trách phổ cập giáo dục và các lớp học; Phó Giám đốc phụ "
        "trách điều tra nhu cầu học tập, phối hợp với Mặt trận Tổ quốc xã và Hội Khuyến học; "
        "cán bộ kế toán, thủ quỹ và cộng tác viên giúp việc."
    ),
}

# (full name, position, main post, board, duties, phone, e-mail)
PEOPLE = [
    ("Nguyễn Văn A", "Giám đốc", "Phó Chủ tịch UBND xã Tiên Tân (kiêm nhiệm)", True,
     "Điều hành chung hoạt động của trung tâm\nDuyệt kế hoạch hoạt động hằng năm\n"
     "Quan hệ với các cơ quan, đơn vị phối hợp",
     "0900 000 001", "giamdoc.tthtcd@example.vn"),
    ("Trần Thị B", "Phó Giám đốc thường trực", "Giáo viên Trường THCS Tiên Tân", True,
     "Công tác phổ cập giáo dục, xóa mù chữ\nTổ chức các lớp học, lịch học\n"
     "Báo cáo, thống kê của trung tâm",
     "0900 000 002", "pgd.tthtcd@example.vn"),
    ("Lê Văn C", "Phó Giám đốc", "Chủ tịch Hội Khuyến học xã", True,
     "Điều tra nhu cầu học tập (cùng Chủ tịch UB MTTQ xã)\nPhong trào khuyến học, khuyến tài",
     "0900 000 003", ""),
    ("Phạm Thị D", "Cán bộ kế toán", "", False,
     "Kế toán, quản lý kinh phí của trung tâm", "", ""),
    ("Hoàng Văn E", "Cán bộ thủ quỹ, cơ sở vật chất", "", False,
     "Thủ quỹ\nQuản lý hội trường, thiết bị, tủ sách", "", ""),
]  # fmt: skip


# The second demo center (Tiên Hải): invented from end to end, and short.
TIEN_HAI_PROFILE = {
    "address": "Nhà văn hóa thôn Đông, xã Tiên Hải, thành phố Phủ Lý, tỉnh Hà Nam",
    "phone": "0226 3000 111",
    "email": "tthtcd.tienhai@example.vn",
    "office_hours": "Thứ Hai, Thứ Tư, Thứ Sáu: sáng 7:30–11:00.",
    "introduction": (
        "<p>Trung tâm học tập cộng đồng xã Tiên Hải mở các lớp tin học, tập huấn kỹ thuật "
        "và sinh hoạt câu lạc bộ tại nhà văn hóa các thôn, theo nhu cầu của bà con.</p>"
    ),
}
TIEN_HAI_PEOPLE = [
    ("Đỗ Văn G", "Giám đốc", "Phó Chủ tịch UBND xã Tiên Hải (kiêm nhiệm)", True,
     "Điều hành chung hoạt động của trung tâm", "0900 000 011", ""),
    ("Vũ Thị H", "Phó Giám đốc", "Chủ tịch Hội Liên hiệp Phụ nữ xã", True,
     "Các lớp tin học, câu lạc bộ đọc sách", "", ""),
]  # fmt: skip

DEMOS = {
    "tien-tan": (CENTER_SLUG, PROFILE, PEOPLE),
    # The organization `create_center` made for it (organizations.seed.center_defaults).
    "tien-hai": ("tthtcd-xa-tien-hai", TIEN_HAI_PROFILE, TIEN_HAI_PEOPLE),
}


def load_center(stdout, demo="tien-tan"):
    slug, profile, people = DEMOS[demo]
    center = Organization.objects.filter(slug=slug).first()
    if center is None:
        stdout.write("organizations: no center organization, profile skipped")
        return
    changed = [field for field, value in profile.items() if not getattr(center, field)]
    for field in changed:
        setattr(center, field, profile[field])
    # The phone and e-mail are the demo's: marked as examples while they are still its own.
    example = (center.phone, center.email) == (profile["phone"], profile["email"])
    if example and not center.contact_is_example:
        center.contact_is_example = True
        changed.append("contact_is_example")
    if changed:
        center.full_clean()
        center.save()
    added = 0
    if not center.people.exists():
        for order, (name, position, post, board, duties, phone, email) in enumerate(people):
            person = Person(
                organization=center,
                full_name=name,
                position=position,
                concurrent_post=post,
                is_board=board,
                duties=duties,
                phone=phone,
                email=email,
                order=order * 10,
                is_example=True,
            )
            person.full_clean()
            person.save()
            added += 1
    for name, _position, _post, _board, _duties, phone, email in people:
        center.people.filter(full_name=name, phone=phone, email=email).update(is_example=True)
    stdout.write(f"organizations: center profile ({len(changed)} fields filled, {added} people)")
    stdout.write(
        f"organizations: what the demo invented — the center's {len(people)} people "
        f"({people[0][0]}, {people[1][0]}…), their phones and e-mails and the center's phone "
        f"{profile['phone']} and e-mail {profile['email']} are made up (the seed names no one): "
        "marked “Ví dụ” on the site and left out of posters, loudspeaker scripts and the "
        "yearly report."
    )


def load(stdout, demo="tien-tan"):
    """The seed's two organizations (configuration a flush empties) and the center's demo
    profile; the second demo center has only its own organization, which it was made with."""
    if demo == "tien-tan":
        ensure_organizations(Organization)
    load_center(stdout, demo)
