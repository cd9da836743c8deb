"""Demo questions and answers (`load_demo` runs `load` for each demo center). Invented, as the
seed article has none: the kind villagers ask a learning center. Idempotent by title; askers
left no phone or e-mail, so no consent is needed."""

import datetime

from django.utils import timezone

from questions.models import Question

# (title, question, answer or "" for one still waiting, show name as)
QUESTIONS = {
    "tien-tan": [
        (
            "Người ngoài 60 tuổi có học lớp tin học được không?",
            "Tôi năm nay 63 tuổi, muốn học dùng điện thoại để gọi video cho con cháu ở xa và "
            "đọc tin tức. Trung tâm có lớp nào phù hợp không, có mất tiền không?",
            "Thưa bác, trung tâm có lớp tin học cho người cao tuổi, học buổi tối tại Hội "
            "trường UBND xã, không thu học phí. Lớp học cách dùng điện thoại thông minh, gọi "
            "video qua Zalo và đọc tin tức an toàn. Bác xem lịch và ghi danh ở mục Lớp học, "
            "hoặc đến trụ sở UBND xã gặp cán bộ trung tâm để được ghi danh giúp.",
            "",
        ),
        (
            "Lớp trồng cây cảnh học xong có được cấp giấy chứng nhận không?",
            "Năm ngoái tôi đã học lớp trồng cây cảnh. Năm nay tôi muốn học tiếp và xin giấy "
            "chứng nhận để xin việc ở vườn ươm.",
            "Học viên dự đủ số buổi của lớp được trung tâm cấp giấy chứng nhận hoàn thành khóa "
            "học. Nếu năm ngoái bác đã học đủ buổi mà chưa nhận giấy, bác liên hệ cán bộ trung "
            "tâm trong giờ hành chính để được cấp.",
            "Bác Hùng, xóm 3",
        ),
        (
            "Khi nào có lớp tập huấn phòng bệnh cho lợn?",
            "Xóm tôi nhiều nhà nuôi lợn, mong trung tâm mở lớp về phòng bệnh dịch tả lợn châu Phi.",
            "",
            "",
        ),
    ],
    "tien-hai": [
        (
            "Trung tâm có lớp dạy bơi cho trẻ em vào mùa hè không?",
            "Con tôi 9 tuổi, nhà gần sông. Hè này trung tâm có mở lớp dạy bơi không?",
            "Mùa hè hằng năm trung tâm phối hợp Đoàn Thanh niên xã mở lớp dạy bơi an toàn cho "
            "trẻ em từ 7 đến 14 tuổi. Lịch lớp được đăng ở mục Lớp học từ tháng 5; phụ huynh "
            "ghi danh cho con trên trang lớp.",
            "",
        ),
    ],
}


def load(stdout, demo="tien-tan"):
    now = timezone.now()
    made = 0
    for i, (title, body, answer, name) in enumerate(QUESTIONS.get(demo, [])):
        if Question.objects.filter(title=title).exists():
            continue
        published = bool(answer)
        Question.objects.create(
            title=title,
            body=body,
            asker_name=name,
            show_name=bool(name),
            answer=answer,
            answered_at=now - datetime.timedelta(days=5 * i + 1) if answer else None,
            status=Question.Status.PUBLISHED if published else Question.Status.DRAFT,
            published_at=now - datetime.timedelta(days=5 * i + 1) if published else None,
        )
        made += 1
    stdout.write(f"Questions: {made} made.")
