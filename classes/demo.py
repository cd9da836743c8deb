"""Demo classes built from the seed article (idempotent: run it as often as you like).

The article reports "50 classes, 3,554 learners from 2012 to 2019" and gives the figures of
only some of them: 2 ornamental-tree classes (70 learners), fine carpentry (35), 2 industrial
sewing classes (70), 2 pig-raising classes (66), all with the district's vocational training
centre, and a rice-growing class with the provincial plant protection sub-department (35).
Those 8 (`REPORTED`) keep what the article says and are recorded figures; a pair's learners
are split evenly between its two classes.

Everything else is reconstructed (`RECONSTRUCTED`), so its figures are marked as estimates
(`FiguresSource.ESTIMATE`): the article names trainings on fertilizer and rice care, rice
production, road traffic law, complaints and denunciations law and life skills for the
Elderly Association without their learners, and says nothing of the other classes of the 50;
their learner numbers, kinds and partners are plausible examples chosen so the totals match
the report exactly. The article gives no dates at all: every year and date below, the
reported classes' included, is placed by the demo. A few current classes, open for
enrollment with sessions in the coming weeks, complete the demo.
"""

import datetime

from django.utils import timezone

from classes.models import Course, FiguresSource, Kind, Partner
from classes.services import sessions_generate
from core.text import fold

PARTNERS = {
    "nghe": ("Trung tâm Dạy nghề huyện Duy Tiên", "TT Dạy nghề huyện"),
    "bvtv": ("Chi cục Bảo vệ thực vật tỉnh Hà Nam", "Chi cục BVTV tỉnh"),
    "nongdan": ("Hội Nông dân xã Tiên Tân", "Hội Nông dân xã"),
    "htx": ("Hợp tác xã Nông nghiệp Tiên Tân", "HTX Nông nghiệp"),
    "nct": ("Hội Người cao tuổi xã Tiên Tân", "Hội Người cao tuổi"),
    "congan": ("Công an xã Tiên Tân", "Công an xã"),
    "tuphap": ("Ban Tư pháp xã Tiên Tân", "Tư pháp xã"),
    "phunu": ("Hội Liên hiệp Phụ nữ xã Tiên Tân", "Hội Phụ nữ xã"),
    "yte": ("Trạm Y tế xã Tiên Tân", "Trạm Y tế xã"),
    "thcs": ("Trường THCS Tiên Tân", "Trường THCS"),
    "doan": ("Đoàn Thanh niên xã Tiên Tân", "Đoàn Thanh niên xã"),
}
# What the partners page says of each (the seed article names the first two as co-running the
# vocational classes, the others as the "ban, ngành, đoàn thể" that co-run trainings).
PARTNER_DESCRIPTIONS = {
    "nghe": "Cùng trung tâm mở các lớp dạy nghề: trồng cây cảnh, mộc mỹ nghệ, may công "
    "nghiệp, chăn nuôi lợn.",
    "bvtv": "Hướng dẫn kỹ thuật trồng lúa, phòng trừ sâu bệnh và dùng thuốc bảo vệ thực vật "
    "an toàn.",
    "nongdan": "Tập huấn kỹ thuật chăn nuôi, trồng trọt cho hội viên nông dân.",
    "htx": "Tập huấn sản xuất lúa theo mùa vụ, giống mới và cơ giới hóa.",
    "nct": "Câu lạc bộ dưỡng sinh, kỹ năng sống và tin học cho người cao tuổi.",
    "congan": "Tuyên truyền Luật Giao thông đường bộ, phòng chống ma túy.",
    "tuphap": "Phổ biến pháp luật: Luật Khiếu nại, Luật Tố cáo, Luật Đất đai.",
    "phunu": "Chăm sóc sức khỏe, kỹ năng làm cha mẹ, bảo vệ môi trường.",
    "yte": "Truyền thông dân số, an toàn thực phẩm, sơ cấp cứu.",
    "thcs": "Giáo viên dạy tin học, ôn tập văn hóa và phổ cập giáo dục.",
    "doan": "Văn nghệ quần chúng, tin học và Internet an toàn cho thanh niên.",
}

V, T, LAW, H, IT, C, LIT, OTHER = (
    Kind.VOCATIONAL,
    Kind.TECHNICAL,
    Kind.LAW,
    Kind.HEALTH,
    Kind.IT,
    Kind.CULTURE,
    Kind.LITERACY,
    Kind.OTHER,
)

# (title, kind, partners, start date, days, reported learners)
REPORTED = [
    # The vocational classes the article names with their learners: 8 classes, 276 learners.
    ("Dạy nghề trồng cây cảnh", V, ["nghe"], "2012-03-05", 60, 35),
    ("Dạy nghề trồng cây cảnh (khóa 2)", V, ["nghe"], "2013-09-09", 60, 35),
    ("Dạy nghề mộc mỹ nghệ", V, ["nghe"], "2014-03-03", 90, 35),
    ("Dạy nghề may công nghiệp", V, ["nghe"], "2015-03-02", 90, 35),
    ("Dạy nghề may công nghiệp (khóa 2)", V, ["nghe"], "2016-09-05", 90, 35),
    ("Dạy nghề chăn nuôi lợn", V, ["nghe"], "2013-03-04", 45, 33),
    ("Dạy nghề chăn nuôi lợn (khóa 2)", V, ["nghe"], "2017-03-06", 45, 33),
    ("Dạy nghề trồng lúa", V, ["bvtv"], "2016-02-15", 60, 35),
]
RECONSTRUCTED = [
    # The training sessions it names, without their learners.
    ("Tập huấn kỹ thuật sử dụng phân bón và chăm sóc lúa", T, ["nongdan"], "2012-01-10", 2, 120),
    ("Tập huấn sản xuất lúa vụ xuân", T, ["htx"], "2013-01-15", 2, 110),
    ("Tập huấn sản xuất lúa vụ mùa", T, ["htx"], "2015-06-10", 2, 105),
    ("Tập huấn giống lúa chất lượng cao", T, ["htx", "bvtv"], "2017-01-12", 2, 98),
    ("Tập huấn sản xuất lúa theo hướng hàng hóa", T, ["htx"], "2019-01-14", 2, 102),
    ("Tuyên truyền Luật Giao thông đường bộ", LAW, ["congan"], "2014-08-20", 1, 200),
    ("Tuyên truyền Luật Khiếu nại, Luật Tố cáo", LAW, ["tuphap"], "2016-05-18", 1, 170),
    ("Nâng cao kỹ năng sống cho hội viên Hội Người cao tuổi", OTHER, ["nct"], "2018-10-01", 3, 90),
    # Other trainings of the 24 the article counts.
    ("Tập huấn phòng chống dịch bệnh gia cầm", T, ["nongdan"], "2012-11-06", 1, 85),
    ("Tập huấn kỹ thuật chăn nuôi gà thả vườn", T, ["nongdan"], "2013-04-09", 2, 80),
    ("Tập huấn phòng trừ rầy nâu hại lúa", T, ["bvtv"], "2014-07-15", 1, 95),
    ("Tập huấn kỹ thuật nuôi cá ao", T, ["nongdan"], "2015-04-14", 2, 60),
    ("Tuyên truyền an toàn vệ sinh thực phẩm", H, ["yte"], "2016-04-12", 1, 140),
    ("Tập huấn phòng chống bệnh dịch tả lợn châu Phi", T, ["nongdan"], "2019-05-21", 1, 88),
    ("Chăm sóc sức khỏe sinh sản", H, ["phunu", "yte"], "2014-10-14", 1, 75),
    ("Bảo vệ môi trường nông thôn", OTHER, ["phunu"], "2017-06-05", 1, 150),
    (
        "Tuyên truyền Luật Phòng, chống bạo lực gia đình",
        LAW,
        ["phunu", "tuphap"],
        "2015-11-24",
        1,
        85,
    ),
    ("Tuyên truyền Luật Đất đai", LAW, ["tuphap"], "2015-09-15", 1, 150),
    ("Sử dụng thuốc bảo vệ thực vật an toàn", T, ["bvtv"], "2018-03-13", 1, 95),
    ("Tập huấn trồng rau an toàn", T, ["htx"], "2018-09-11", 2, 70),
    ("Truyền thông dân số và kế hoạch hóa gia đình", H, ["yte"], "2013-07-11", 1, 150),
    ("Phòng chống ma túy trong thanh niên", LAW, ["doan", "congan"], "2017-06-26", 1, 80),
    ("Tập huấn cơ giới hóa sản xuất lúa", T, ["htx"], "2019-08-06", 1, 75),
    ("Sơ cấp cứu ban đầu tại gia đình", H, ["yte"], "2019-10-08", 1, 60),
    # Computer skills, literacy, culture and sport, and training for the commune's bodies.
    ("Tin học cơ bản cho cán bộ, giáo viên", IT, ["thcs"], "2012-07-02", 30, 30),
    ("Tin học cơ bản cho nhân dân", IT, ["thcs"], "2014-07-07", 30, 30),
    ("Tin học văn phòng", IT, ["thcs"], "2016-07-04", 30, 30),
    ("Sử dụng điện thoại thông minh và Internet an toàn", IT, ["doan"], "2018-07-09", 10, 45),
    ("Tin học cho cán bộ đoàn thể", IT, ["thcs"], "2019-07-08", 20, 30),
    ("Tiếng Anh giao tiếp cho thanh thiếu niên", OTHER, ["doan", "thcs"], "2017-07-03", 40, 35),
    ("Bồi dưỡng kỹ năng, nghiệp vụ cho các đoàn thể", OTHER, [], "2013-05-14", 2, 60),
    ("Bồi dưỡng nghiệp vụ cho chi hội trưởng", OTHER, [], "2016-03-22", 2, 55),
    ("Câu lạc bộ dưỡng sinh người cao tuổi", C, ["nct"], "2012-09-04", 90, 50),
    ("Câu lạc bộ hát chèo", C, [], "2013-10-08", 90, 40),
    ("Lớp bóng chuyền hơi", C, ["nct"], "2014-04-01", 60, 36),
    ("Văn nghệ quần chúng", C, ["doan"], "2015-08-03", 30, 45),
    ("Lớp dưỡng sinh", C, ["nct"], "2017-09-05", 90, 55),
    ("Thể dục nhịp điệu cho phụ nữ", C, ["phunu"], "2018-04-03", 60, 48),
    ("Ôn tập văn hóa phổ cập THCS cho thanh niên", LIT, ["thcs"], "2012-10-01", 120, 30),
    ("Bổ túc văn hóa phổ cập THCS", LIT, ["thcs"], "2014-10-06", 120, 28),
    ("Kỹ năng làm cha mẹ", OTHER, ["phunu"], "2019-04-16", 2, 60),
    ("Câu lạc bộ hát chèo (khóa 2)", C, [], "2019-09-03", 90, 38),
]
HISTORY = REPORTED + RECONSTRUCTED

PLACE = "Hội trường UBND xã Tiên Tân"
# Web addresses an earlier demo gave its historical classes ("2012-01-demo").
OLD_SLUG_END = "-demo"


def _day(text):
    return datetime.date.fromisoformat(text)


def _course(title, slug, defaults, partner_keys, partners):
    """The class, made once. A historical class (no `slug` given) is found by its title and
    start date, and its web address is made from its title like any other class's. The title
    is compared without accents, so a class an earlier demo spelled the old way (the tone on
    the second vowel of "oa") is found, and respelled, rather than made twice."""
    if slug:
        course = Course.objects.filter(slug=slug).first()
    else:
        course = Course.objects.filter(
            title__fold=fold(title), start_date=defaults["start_date"]
        ).first()
        if course is not None and course.title != title:
            course.title = title
            course.save()
    if course is None:
        course = Course(title=title, slug=slug, **defaults)
        course.save()
        course.partners.set([partners[k] for k in partner_keys])
    elif course.slug.endswith(OLD_SLUG_END):
        # Made by an earlier demo, whose addresses ended in "-demo" and which did not say
        # which figures it invented: give it its title's address and its figures' source.
        course.slug = ""
        course.figures_source = defaults["figures_source"]
        course.save()
    return course


def _partners(names, descriptions):
    partners = {}
    for position, (key, (name, short)) in enumerate(names.items(), start=1):
        partner, _created = Partner.objects.get_or_create(
            name=name, defaults={"short_name": short, "position": position * 10}
        )
        if not partner.description:  # never overwrite what staff wrote
            partner.description = descriptions[key]
            partner.save(update_fields=["description"])
        partners[key] = partner
    return partners


def _current(partners, place, current):
    """Classes open for enrollment now, with sessions in the coming weeks."""
    today = timezone.localdate()
    for title, slug, kind, keys, in_days, seats, description, note, weekdays, times in current:
        start_date = today + datetime.timedelta(days=in_days)
        course = _course(
            title,
            slug,
            {
                "kind": kind,
                "place": place,
                "instructor": "Cán bộ Trung tâm học tập cộng đồng",
                "start_date": start_date,
                "end_date": start_date + datetime.timedelta(days=41),
                "capacity": seats,
                "enrollment_opens": today - datetime.timedelta(days=7),
                "enrollment_closes": start_date - datetime.timedelta(days=1),
                "schedule_note": note,
                "description": description,
                "published_at": timezone.now() - datetime.timedelta(days=7),
            },
            keys,
            partners,
        )
        if not course.sessions.exists():
            # The way staff make them in the admin: from a rule, six weeks of them.
            sessions_generate(
                course=course,
                weekdays=weekdays,
                start_time=times[0],
                end_time=times[1],
                starts_on=start_date,
                weeks=6,
            )


def _history(partners, place, history, reported, description):
    for entry in history:
        title, kind, keys, start, days, learners = entry
        start_date = _day(start)
        _course(
            title,
            "",
            {
                "kind": kind,
                "place": place,
                "start_date": start_date,
                "end_date": start_date + datetime.timedelta(days=days - 1),
                "reported_learners": learners,
                "figures_source": (
                    FiguresSource.RECORD if entry in reported else FiguresSource.ESTIMATE
                ),
                "published_at": timezone.make_aware(
                    datetime.datetime.combine(start_date, datetime.time(8))
                ),
                "description": description,
            },
            keys,
            partners,
        )


# The second demo center (Tiên Hải): invented from end to end, and small.
TIEN_HAI_PARTNERS = {
    "phunu": ("Hội Liên hiệp Phụ nữ xã Tiên Hải", "Hội Phụ nữ xã"),
    "khuyennong": ("Trạm Khuyến nông xã Tiên Hải", "Khuyến nông xã"),
}
TIEN_HAI_DESCRIPTIONS = {
    "phunu": "Cùng trung tâm mở lớp tin học và câu lạc bộ cho hội viên phụ nữ.",
    "khuyennong": "Tập huấn kỹ thuật trồng nấm, trồng rau và chăn nuôi.",
}
TIEN_HAI_HISTORY = [
    ("Tập huấn kỹ thuật trồng nấm rơm", T, ["khuyennong"], "2023-03-14", 2, 38),
    ("Tin học cơ bản cho hội viên phụ nữ", IT, ["phunu"], "2023-07-03", 20, 25),
    ("Câu lạc bộ đọc sách thiếu nhi", C, [], "2024-06-04", 60, 30),
]
TIEN_HAI_PLACE = "Nhà văn hóa thôn Đông, xã Tiên Hải"
TIEN_HAI_CURRENT = [
    (
        "Tin học cho hội viên phụ nữ",
        "tin-hoc-cho-hoi-vien-phu-nu",
        Kind.IT,
        ["phunu"],
        5,
        20,
        "Dùng điện thoại thông minh, chuyển tiền an toàn, nhận biết tin nhắn lừa đảo.",
        "Bà con mang theo điện thoại của mình.",
        [1, 4],
        (datetime.time(19), datetime.time(20, 30)),
    ),
    (
        "Kỹ thuật trồng nấm rơm vụ hè",
        "ky-thuat-trong-nam-rom-vu-he",
        Kind.TECHNICAL,
        ["khuyennong"],
        12,
        35,
        "Ủ rơm, cấy giống, chăm sóc và thu hái nấm rơm.",
        "",
        [5],
        (datetime.time(14), datetime.time(16, 30)),
    ),
]


def load_tien_hai(stdout):
    partners = _partners(TIEN_HAI_PARTNERS, TIEN_HAI_DESCRIPTIONS)
    _history(
        partners,
        TIEN_HAI_PLACE,
        TIEN_HAI_HISTORY,
        [],
        "Lớp do Trung tâm học tập cộng đồng xã Tiên Hải tổ chức.",
    )
    _current(partners, TIEN_HAI_PLACE, TIEN_HAI_CURRENT)
    stdout.write(f"classes: {Course.objects.count()} classes, {Partner.objects.count()} partners")
    stdout.write(
        "classes: what the demo invented — every class, partner and figure of the second "
        "demo center (Tiên Hải); its past classes' learners are marked as estimates."
    )


def load(stdout, demo="tien-tan"):
    if demo == "tien-hai":
        load_tien_hai(stdout)
        return
    partners = _partners(PARTNERS, PARTNER_DESCRIPTIONS)

    _history(
        partners,
        PLACE,
        HISTORY,
        REPORTED,
        "Lớp do Trung tâm học tập cộng đồng xã Tiên Tân tổ chức.",
    )

    current = [
        (
            "Tin học cơ bản cho người cao tuổi",
            "tin-hoc-co-ban-cho-nguoi-cao-tuoi",
            Kind.IT,
            ["nct"],
            7,
            25,
            "Dùng điện thoại thông minh, gọi video, đọc tin tức, nhận biết tin nhắn lừa đảo.",
            "Bà con mang theo điện thoại của mình.",
            [1, 3],
            (datetime.time(19), datetime.time(20, 30)),
        ),
        (
            "Kỹ thuật trồng rau an toàn vụ đông",
            "ky-thuat-trong-rau-an-toan-vu-dong",
            Kind.TECHNICAL,
            ["htx", "bvtv"],
            10,
            40,
            "Chọn giống, làm đất, bón phân hữu cơ, phòng trừ sâu bệnh không dùng thuốc cấm.",
            "",
            [6],
            (datetime.time(7, 30), datetime.time(10, 30)),
        ),
        (
            "Lớp dưỡng sinh mùa đông",
            "lop-duong-sinh-mua-dong",
            Kind.CULTURE,
            ["nct"],
            5,
            30,
            "Bài tập dưỡng sinh nhẹ nhàng cho người cao tuổi, giữ ấm và phòng bệnh mùa đông.",
            "Mặc quần áo rộng, đi giày vải.",
            [0, 2, 4],
            (datetime.time(6), datetime.time(7)),
        ),
    ]
    _current(partners, PLACE, current)
    stdout.write(f"classes: {Course.objects.count()} classes, {Partner.objects.count()} partners")
    invented = sum(r[5] for r in RECONSTRUCTED)
    stdout.write(
        f"classes: what the demo invented — the seed reports {len(HISTORY)} classes and "
        f"{sum(r[5] for r in HISTORY):,} learners for 2012–2019 and gives the figures of "
        f"{len(REPORTED)} of them ({sum(r[5] for r in REPORTED)} learners); the other "
        f"{len(RECONSTRUCTED)} classes and their {invented:,} learners are made up to match "
        "the totals (the seed names a few of them, without learners) and marked as estimates "
        "(“Ước tính (số liệu minh họa)”). The years and dates of all of them are made up "
        f"(the seed gives none), and so are the {len(current)} current classes."
    )
