"""Build the benchmark's data set: ~2,000 articles with cover images, 300 classes, 10,000
learners with enrollments, 500 disclosure documents. Run by scripts/bench.py inside a
configured Django (it calls `build()`); rows go in with bulk_create, so it takes seconds.

A handful of covers and files go through the real upload code (re-encoding, renditions,
hashing); the rest of the rows share them, as a real site shares nothing but looks the same to
the pages being measured.
"""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from attendance.models import Enrollment, Learner, new_reference
from classes.models import Course, Kind, Partner
from core.hamlets import ensure_defaults
from core.models import Hamlet
from core.search import searchable_text
from core.text import fold
from disclosures.models import Basis, DisclosureDocument
from news.models import Article, Category
from news.seed import ensure_categories
from organizations.models import Organization
from organizations.seed import ensure_organizations

ARTICLES, CLASSES, LEARNERS, DOCUMENTS = 2000, 300, 10_000, 500
WORDS = (
    "tập huấn kỹ thuật trồng lúa chăn nuôi lợn cây cảnh mộc mỹ nghệ may công nghiệp tin học "
    "pháp luật giao thông sức khỏe người cao tuổi văn nghệ thể thao khuyến học xã hội học tập "
    "nông thôn mới hội nông dân phụ nữ đoàn thanh niên thông báo lịch họp xóm"
).split()
PARAGRAPH = (
    "<p>Trung tâm học tập cộng đồng xã Tiên Tân phối hợp với các ban, ngành, đoàn thể tổ chức "
    "lớp {topic} cho bà con trong xã. Lớp học giúp người dân áp dụng khoa học kỹ thuật vào sản "
    "xuất, nâng cao đời sống và góp phần xây dựng xã hội học tập.</p>"
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _title(rng, n):
    return f"{' '.join(rng.sample(WORDS, 6)).capitalize()} số {n}"


def _cover(rng):
    image = Image.new("RGB", (1600, 900), tuple(rng.randrange(30, 200) for _ in range(3)))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=80)
    return ContentFile(buf.getvalue(), name="cover.jpg")


def build(stdout=print):
    rng = random.Random(2025)
    now = timezone.now()
    ensure_categories(Category)
    ensure_organizations(Organization)
    ensure_defaults(Hamlet)
    categories = list(Category.objects.all())

    # Articles: 10 real uploads (re-encoded, rendered), the rest share their covers.
    real = []
    for i in range(10):
        article = Article(
            title=_title(rng, i),
            category=categories[i % len(categories)],
            summary="Tóm tắt bài viết về hoạt động của trung tâm.",
            body=PARAGRAPH.format(topic=rng.choice(WORDS)) * 4,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=i + 1),
            cover=_cover(rng),
        )
        article.save()
        real.append(article)
    batch = []
    for i in range(10, ARTICLES):
        source = real[i % len(real)]
        title = _title(rng, i)
        body = PARAGRAPH.format(topic=rng.choice(WORDS)) * 4
        batch.append(
            Article(
                title=title,
                slug=f"bai-viet-{i}",
                category=categories[i % len(categories)],
                summary="Tóm tắt bài viết về hoạt động của trung tâm.",
                body=body,
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=i + 1),
                pinned=i < 13,
                cover=source.cover.name,
                cover_width=source.cover_width,
                cover_height=source.cover_height,
                search_title=fold(title),
                search_text=searchable_text(title, "", body),
            )
        )
    Article.objects.bulk_create(batch, batch_size=500)

    # Classes with partners, over ten years; a few open for enrollment now.
    partners = [
        Partner.objects.get_or_create(name=f"Đơn vị phối hợp {i}", defaults={"slug": f"dv-{i}"})[0]
        for i in range(12)
    ]
    today = timezone.localdate()
    courses = []
    for i in range(CLASSES):
        start = today - datetime.timedelta(days=12 * (CLASSES - i)) + datetime.timedelta(days=20)
        title = f"Lớp {_title(rng, i).lower()}"
        courses.append(
            Course(
                title=title,
                slug=f"lop-{i}",
                kind=rng.choice(list(Kind.values)),
                place="Hội trường UBND xã",
                start_date=start,
                end_date=start + datetime.timedelta(days=30),
                capacity=60,
                enrollment_opens=start - datetime.timedelta(days=30),
                enrollment_closes=start,
                status=Course.Status.PUBLISHED,
                published_at=now - datetime.timedelta(days=400),
                search_title=fold(title),
                search_text=searchable_text(title),
            )
        )
    courses = Course.objects.bulk_create(courses, batch_size=500)
    Through = Course.partners.through
    Through.objects.bulk_create(
        [
            Through(course_id=c.pk, partner_id=partners[i % len(partners)].pk)
            for i, c in enumerate(courses)
        ]
    )

    # Learners, each enrolled in one to three classes.
    hamlets = list(Hamlet.objects.all())
    learners = []
    for i in range(LEARNERS):
        name = f"Học Viên Thử {i}"
        learners.append(
            Learner(
                full_name=name,
                name_folded=fold(name),
                birth_year=rng.randrange(1945, 2008),
                sex=rng.choice(["male", "female"]),
                hamlet=rng.choice(hamlets),
                search_text=searchable_text(name),
            )
        )
    learners = Learner.objects.bulk_create(learners, batch_size=1000)
    enrollments, taken, references = [], {}, set()
    for learner in learners:
        for course in rng.sample(courses, rng.randint(1, 3)):
            if taken.get(course.pk, 0) >= course.capacity:
                continue
            taken[course.pk] = taken.get(course.pk, 0) + 1
            reference = new_reference()
            while reference in references:  # 17,000 short codes: a clash is likely
                reference = new_reference()
            references.add(reference)
            enrollments.append(
                Enrollment(
                    learner=learner,
                    course=course,
                    status=Enrollment.Status.CONFIRMED,
                    reference=reference,
                    consent_at=now,
                )
            )
    Enrollment.objects.bulk_create(enrollments, batch_size=1000)
    for course in courses:
        course.seats_taken = taken.get(course.pk, 0)
    Course.objects.bulk_update(courses, ["seats_taken"], batch_size=500)

    # Disclosure documents: a few real uploads, the rest share their files.
    organizations = list(Organization.objects.all())
    first = DisclosureDocument(
        title="Báo cáo thường niên mẫu",
        organization=organizations[0],
        school_year=f"{today.year - 1}-{today.year}",
        basis=Basis.OTHER,
        published_at=now - datetime.timedelta(days=1),
        file=ContentFile(PDF, name="bao-cao.pdf"),
    )
    first.save()
    documents = []
    for i in range(DOCUMENTS - 1):
        year = today.year - 1 - i % 12
        title = f"Văn bản công khai {_title(rng, i).lower()}"
        documents.append(
            DisclosureDocument(
                title=title,
                slug=f"van-ban-{i}",
                organization=organizations[i % len(organizations)],
                # save() copies it from the organization; bulk_create does not call save().
                organization_kind=organizations[i % len(organizations)].kind,
                school_year=f"{year}-{year + 1}",
                basis=Basis.OTHER,
                status=DisclosureDocument.Status.PUBLISHED,
                published_at=now - datetime.timedelta(days=i + 2),
                file=first.file.name,
                file_type=first.file_type,
                file_size=first.file_size,
                file_sha256=first.file_sha256,
                search_title=fold(title),
                search_text=searchable_text(title),
            )
        )
    DisclosureDocument.objects.bulk_create(documents, batch_size=500)
    stdout(
        f"data set: {Article.objects.count()} articles, {Course.objects.count()} classes, "
        f"{Learner.objects.count()} learners, {Enrollment.objects.count()} enrollments, "
        f"{DisclosureDocument.objects.count()} documents"
    )
