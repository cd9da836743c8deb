"""Build the benchmark's data sets. Run by scripts/bench.py inside a configured Django.

- `build()`: one center as the bench has always measured it: ~2,000 articles with cover
  images, 300 classes with their sessions, 10,000 learners with enrollments, 500 disclosure
  documents.
- `build_centers(count)`: `count - 1` more centers next to it (issue 14), each at its own host
  (`c<n>.bench.test`) with its categories, organizations, hamlets and partners, ~50 articles,
  20 classes with sessions, 300 learners with enrollments and 20 documents.

Rows go in with bulk_create (a few thousand a statement), with their center set explicitly:
no center is current here, so the managers and PostgreSQL's row-level security let the
command write every center's rows. bulk_create skips save(), so each row's searched texts are
filled by the model's own `fill_search_fields()` (the same code save() runs).

A handful of covers and files go through the real upload code (re-encoding, renditions,
hashing); the rest of the rows, every center's, share them, as a real site shares nothing but
looks the same to the pages being measured.
"""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from attendance.models import Enrollment, Learner, new_reference
from classes.models import Course, Kind, Partner, Session
from core.hamlets import DEFAULT_HAMLETS, OTHER, ensure_defaults
from core.models import Center, CenterHost, Hamlet
from disclosures.models import Basis, DisclosureDocument
from news.models import Article, Category
from news.seed import CATEGORIES, ensure_categories
from organizations.models import Organization
from organizations.seed import ORGANIZATIONS, ensure_organizations

# One center, as the bench measured it before issue 14.
ARTICLES, CLASSES, LEARNERS, DOCUMENTS = 2000, 300, 10_000, 500
# Each further center (issue 14, item 6).
CENTER_SIZE = {"articles": 50, "classes": 20, "learners": 300, "documents": 20, "partners": 3}
SESSIONS_PER_CLASS = 8
BATCH = 2000  # rows per INSERT
CENTERS_PER_ROUND = 25  # centers built in memory at a time
HOST = "c{n}.bench.test"
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


def _article(rng, i, category, source, now, **extra):
    """An article sharing `source`'s cover (an article saved through the upload code)."""
    article = Article(
        title=_title(rng, i),
        slug=f"bai-viet-{i}",
        category=category,
        summary="Tóm tắt bài viết về hoạt động của trung tâm.",
        body=PARAGRAPH.format(topic=rng.choice(WORDS)) * 4,
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(hours=i + 1),
        cover=source.cover.name,
        cover_width=source.cover_width,
        cover_height=source.cover_height,
        **extra,
    )
    article.fill_search_fields()
    return article


def _course(rng, i, count, today, now, **extra):
    """Class `i` of `count`, spread over the years before today; the last few open now."""
    start = today - datetime.timedelta(days=12 * (count - i)) + datetime.timedelta(days=20)
    course = Course(
        title=f"Lớp {_title(rng, i).lower()}",
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
        **extra,
    )
    course.fill_search_fields()
    return course


def _sessions(course):
    """Two evenings a week from the class's start: what its page's timetable is written from."""
    return [
        Session(
            center_id=course.center_id,
            course=course,
            date=course.start_date + datetime.timedelta(days=7 * (n // 2) + 2 * (n % 2)),
            start_time=datetime.time(19),
            end_time=datetime.time(21),
        )
        for n in range(SESSIONS_PER_CLASS)
    ]


def _learners(rng, count, hamlets, first, **extra):
    learners = []
    for i in range(first, first + count):
        learner = Learner(
            full_name=f"Học Viên Thử {i}",
            birth_year=rng.randrange(1945, 2008),
            sex=rng.choice(["male", "female"]),
            hamlet=rng.choice(hamlets),
            **extra,
        )
        learner.fill_search_fields()
        learners.append(learner)
    return learners


def _enrollments(rng, learners, courses, now, references):
    """Each learner in one to three classes while seats last; sets each class's
    `seats_taken` (bulk_create skips the services that recount it)."""
    enrollments = []
    for course in courses:
        course.seats_taken = 0
    for learner in learners:
        for course in rng.sample(courses, rng.randint(1, 3)):
            if course.seats_taken >= course.capacity:
                continue
            course.seats_taken += 1
            reference = new_reference()
            while reference in references:  # hundreds of thousands of short codes: clashes
                reference = new_reference()
            references.add(reference)
            enrollments.append(
                Enrollment(
                    center_id=learner.center_id,
                    learner=learner,
                    course=course,
                    status=Enrollment.Status.CONFIRMED,
                    reference=reference,
                    consent_at=now,
                )
            )
    return enrollments


def _document(rng, i, organization, first, today, now, **extra):
    """A published document sharing `first`'s file (a document saved through the upload code)."""
    year = today.year - 1 - i % 12
    document = DisclosureDocument(
        title=f"Văn bản công khai {_title(rng, i).lower()}",
        slug=f"van-ban-{i}",
        organization=organization,
        # save() copies it from the organization; bulk_create does not call save().
        organization_kind=organization.kind,
        school_year=f"{year}-{year + 1}",
        basis=Basis.OTHER,
        status=DisclosureDocument.Status.PUBLISHED,
        published_at=now - datetime.timedelta(days=i + 2),
        file=first.file.name,
        file_type=first.file_type,
        file_size=first.file_size,
        file_sha256=first.file_sha256,
        **extra,
    )
    document.fill_search_fields()
    return document


def _first_document(organization, today, now):
    document = DisclosureDocument(
        title="Báo cáo thường niên mẫu",
        organization=organization,
        school_year=f"{today.year - 1}-{today.year}",
        basis=Basis.OTHER,
        published_at=now - datetime.timedelta(days=1),
        file=ContentFile(PDF, name="bao-cao.pdf"),
    )
    document.save()
    return document


def _through(courses, partners):
    """Each class with one partner of its center, in turn."""
    Through = Course.partners.through
    return [
        Through(course_id=course.pk, partner_id=partners[i % len(partners)].pk)
        for i, course in enumerate(courses)
    ]


def build(stdout=print):
    """The one-center data set (the deployment's first center, made by its migrations)."""
    rng = random.Random(2025)
    now = timezone.now()
    today = timezone.localdate()
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
    Article.objects.bulk_create(
        [
            _article(rng, i, categories[i % len(categories)], real[i % len(real)], now,
                     pinned=i < 13)
            for i in range(10, ARTICLES)
        ],
        batch_size=BATCH,
    )  # fmt: skip

    # Classes with partners and sessions, over ten years; a few open for enrollment now.
    partners = [
        Partner.objects.get_or_create(name=f"Đơn vị phối hợp {i}", defaults={"slug": f"dv-{i}"})[0]
        for i in range(12)
    ]
    center_id = categories[0].center_id
    courses = [_course(rng, i, CLASSES, today, now, center_id=center_id) for i in range(CLASSES)]
    learners = _learners(rng, LEARNERS, list(Hamlet.objects.all()), 0, center_id=center_id)
    enrollments = _enrollments(rng, learners, courses, now, set())
    Course.objects.bulk_create(courses, batch_size=BATCH)
    Course.partners.through.objects.bulk_create(_through(courses, partners), batch_size=BATCH)
    Session.objects.bulk_create(
        [s for course in courses for s in _sessions(course)], batch_size=BATCH
    )
    Learner.objects.bulk_create(learners, batch_size=BATCH)
    Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)

    # Disclosure documents: a few real uploads, the rest share their files.
    organizations = list(Organization.objects.all())
    first = _first_document(organizations[0], today, now)
    DisclosureDocument.objects.bulk_create(
        [
            _document(rng, i, organizations[i % len(organizations)], first, today, now)
            for i in range(DOCUMENTS - 1)
        ],
        batch_size=BATCH,
    )
    stdout(
        f"data set, 1 center: {Article.objects.count()} articles, {Course.objects.count()} "
        f"classes, {Session.objects.count()} sessions, {Learner.objects.count()} learners, "
        f"{Enrollment.objects.count()} enrollments, {DisclosureDocument.objects.count()} "
        "documents"
    )
    return real, first


def build_centers(count, real, first, stdout=print):
    """Centers 2..count next to the first one (`build()`'s), each at `c<n>.bench.test`; the
    first center answers at `c1.bench.test` too. `real` and `first` are the first center's
    uploaded articles and document, whose files every center's rows share."""
    rng = random.Random(14)
    now = timezone.now()
    today = timezone.localdate()
    first_center = Center.objects.order_by("pk").first()
    CenterHost.objects.get_or_create(host=HOST.format(n=1), defaults={"center": first_center})
    references = set(Enrollment.objects.values_list("reference", flat=True))
    size = CENTER_SIZE
    for low in range(2, count + 1, CENTERS_PER_ROUND):
        numbers = range(low, min(low + CENTERS_PER_ROUND, count + 1))
        centers = Center.objects.bulk_create(
            [
                Center(name=f"TTHTCĐ xã Thử {n:04d}", slug=f"thu-{n}", commune=f"Thử {n:04d}",
                       province="Tỉnh Thử")
                for n in numbers
            ]
        )  # fmt: skip
        CenterHost.objects.bulk_create(
            [
                CenterHost(center=center, host=HOST.format(n=n), is_primary=True)
                for n, center in zip(numbers, centers, strict=True)
            ]
        )
        # What migrations and `ensure_*` give a center: categories, organizations, hamlets.
        categories, organizations, hamlets, partners = {}, {}, {}, {}
        for center in centers:
            categories[center.pk] = [
                Category(center_id=center.pk, name=name, slug=slug, description=text, order=n)
                for n, (name, slug, text) in enumerate(CATEGORIES)
            ]
            organizations[center.pk] = [
                Organization(
                    center_id=center.pk,
                    **{
                        **values,
                        "name": values["name"].replace("Tiên Tân", center.commune),
                        "short_name": values["short_name"].replace("Tiên Tân", center.commune),
                    },
                )
                for values in ORGANIZATIONS
            ]
            hamlets[center.pk] = [
                Hamlet(center_id=center.pk, name=name, position=n)
                for n, name in enumerate(DEFAULT_HAMLETS, start=1)
            ] + [Hamlet(center_id=center.pk, name=OTHER, position=99, is_other=True)]
            partners[center.pk] = [
                Partner(center_id=center.pk, name=f"Đơn vị phối hợp {i}", slug=f"dv-{i}")
                for i in range(size["partners"])
            ]
        for model, rows in (
            (Category, categories),
            (Organization, organizations),
            (Hamlet, hamlets),
            (Partner, partners),
        ):
            model.objects.bulk_create([r for per in rows.values() for r in per], batch_size=BATCH)

        articles, courses, learners, enrollments, documents = ([] for _ in range(5))
        classes_of = {}
        for center in centers:
            pk = center.pk
            articles += [
                _article(rng, i, categories[pk][i % len(CATEGORIES)], real[i % len(real)], now,
                         center_id=pk, pinned=i < 2)
                for i in range(size["articles"])
            ]  # fmt: skip
            own_courses = [
                _course(rng, i, size["classes"], today, now, center_id=pk)
                for i in range(size["classes"])
            ]
            own_learners = _learners(rng, size["learners"], hamlets[pk], 0, center_id=pk)
            enrollments += _enrollments(rng, own_learners, own_courses, now, references)
            courses += own_courses
            classes_of[pk] = own_courses
            learners += own_learners
            documents += [
                _document(rng, i, organizations[pk][i % len(ORGANIZATIONS)], first, today, now,
                          center_id=pk)
                for i in range(size["documents"])
            ]  # fmt: skip
        Article.objects.bulk_create(articles, batch_size=BATCH)
        Course.objects.bulk_create(courses, batch_size=BATCH)
        Course.partners.through.objects.bulk_create(
            [row for pk, own in classes_of.items() for row in _through(own, partners[pk])],
            batch_size=BATCH,
        )
        Session.objects.bulk_create(
            [s for course in courses for s in _sessions(course)], batch_size=BATCH
        )
        Learner.objects.bulk_create(learners, batch_size=BATCH)
        Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
        DisclosureDocument.objects.bulk_create(documents, batch_size=BATCH)
    stdout(
        f"data set, {Center.objects.count()} centers: {Article.objects.count()} articles, "
        f"{Course.objects.count()} classes, {Session.objects.count()} sessions, "
        f"{Learner.objects.count()} learners, {Enrollment.objects.count()} enrollments, "
        f"{DisclosureDocument.objects.count()} documents"
    )
