"""Issue 14, item 4: a single-center site upgrades by `migrate` into the first center of a
many-center deployment with nothing lost.

The database is built as it was at main before centers existed (the leaf migrations below,
`manage.py showmigrations`), filled through the models of that time with one row of every
tenant model and its relations, then migrated to today's leaves: every row is kept, field by
field, and belongs to the one center made from the settings; staff still sign in; PostgreSQL
fences every tenant table."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection

from core.tenancy import CenterOwned
from tests.migration_states import leaves, migrate, migrate_to_leaves

# The leaf migrations of main before centers (issue 14's foundation starts after them).
BEFORE = [
    ("core", "0005_hamlet_from_attendance"),
    ("news", "0007_search_on_the_model"),
    ("classes", "0009_search_on_the_model"),
    ("organizations", "0001_initial"),
    ("disclosures", "0013_assessment_moved"),
    ("attendance", "0005_survey_and_hamlet_moved_out"),
    ("survey", "0001_initial"),
    ("assessment", "0002_checklist"),
]
SITE = "Trung tâm học tập cộng đồng xã Tiên Phong"
HOSTS = ["tthtcd-tienphong.example.vn", "www.tthtcd-tienphong.example.vn"]
PASSWORD = "mat-khau-cu-2024"
PAST = datetime.datetime(2025, 9, 5, 8, tzinfo=datetime.UTC)

# Views are imported with no center current (see tests/core/test_merge_centers.py).
importlib.import_module(settings.ROOT_URLCONF)


def fill(old):
    """One row of every tenant model, with its relations, as a single-center site had them;
    staff with their groups. Returns {model label: [ids]} and the staff account."""
    User = old.get_model("auth", "User")
    Group = old.get_model("auth", "Group")
    group = Group.objects.get_or_create(name="Cán bộ trung tâm")[0]
    staff = User.objects.create(
        username="can-bo-cu", password=make_password(PASSWORD), is_staff=True
    )
    staff.groups.add(group)
    User.objects.create(username="van-hanh", password=make_password(PASSWORD), is_superuser=True)
    User.objects.create(username="nghi-viec", is_staff=True, is_active=False)

    def make(label, **values):
        return old.get_model(label).objects.create(**values)

    hamlet = make("core.Hamlet", name="Xóm Đình", position=3)
    picture = make(
        "core.RichTextImage", image="pictures/2025/09/anh.jpg", width=640, height=480, alt="Lớp"
    )
    # Seeded by a migration (unless an earlier test's flush emptied the table).
    category = old.get_model("news.Category").objects.get_or_create(
        slug="thong-bao", defaults={"name": "Thông báo", "order": 1}
    )[0]
    article = make(
        "news.Article",
        title="Khai giảng lớp tin học",
        slug="khai-giang-lop-tin-hoc",
        category=category,
        summary="Tóm tắt",
        body=f'<p>Nội dung <img src="/media/{picture.image}" alt="Lớp"></p>',
        status="published",
        published_at=PAST,
        created_by=staff,
    )
    attachment = make(
        "news.Attachment", article=article, title="Kế hoạch", file="news/a/ke-hoach.pdf"
    )
    partner = make("classes.Partner", name="Hội Nông dân xã", slug="hoi-nong-dan")
    course = make(
        "classes.Course",
        title="Tin học cơ bản",
        slug="tin-hoc-co-ban",
        start_date=datetime.date(2025, 9, 15),
        status="published",
        published_at=PAST,
    )
    course.partners.add(partner)
    session = make(
        "classes.Session",
        course=course,
        date=datetime.date(2025, 9, 15),
        start_time=datetime.time(19),
        end_time=datetime.time(21),
    )
    learner = make(
        "attendance.Learner", full_name="Trần Thị Học", name_folded="tran thi hoc", hamlet=hamlet
    )
    enrollment = make("attendance.Enrollment", learner=learner, course=course, status="confirmed")
    mark = make(
        "attendance.AttendanceMark", enrollment=enrollment, session=session, marked_by=staff
    )
    answer = make("survey.SurveyResponse", hamlet=hamlet, other_topic="Nấu ăn")
    choice = make("survey.SurveyChoice", response=answer, question="kind", value="it")
    school = make(
        "organizations.Organization",
        name="Trường THCS xã Tiên Phong",
        short_name="THCS",
        slug="truong-thcs",
        kind="school",
    )
    person = make(
        "organizations.Person", organization=school, full_name="Lê Văn Hiệu", position="Hiệu trưởng"
    )
    document = make(
        "disclosures.DisclosureDocument",
        title="Biểu mẫu 05",
        slug="bieu-mau-05",
        organization=school,
        organization_kind="school",
        school_year="2015-2016",
        basis="legacy-form",
        form_number="05",
        file="cong-khai/bm05.pdf",
        status="published",
        published_at=PAST,
    )
    newer = make(
        "disclosures.DisclosureDocument",
        title="Biểu mẫu 05 (sửa)",
        slug="bieu-mau-05-sua",
        organization=school,
        organization_kind="school",
        school_year="2015-2016",
        basis="legacy-form",
        form_number="05",
        file="cong-khai/bm05b.pdf",
        status="published",
        published_at=PAST,
    )
    document.replaced_by = newer
    document.save()
    Indicator = old.get_model("assessment.Indicator")
    indicator = Indicator.objects.first() or Indicator.objects.create(
        code="1.1", criterion=1, criterion_title="Tiêu chí 1", wording="Chỉ tiêu"
    )
    assessment = make("assessment.SelfAssessment", year=2025, notes="Năm đầu")
    answered = make(
        "assessment.IndicatorAnswer", assessment=assessment, indicator=indicator, result="yes"
    )
    legacy = make(
        "assessment.LegacyAssessmentResult", year=2016, points=88, source_note="Quyết định 12"
    )
    rows = {
        "core.Hamlet": hamlet,
        "core.RichTextImage": picture,
        "news.Category": category,
        "news.Article": article,
        "news.Attachment": attachment,
        "classes.Partner": partner,
        "classes.Course": course,
        "classes.Session": session,
        "attendance.Learner": learner,
        "attendance.Enrollment": enrollment,
        "attendance.AttendanceMark": mark,
        "survey.SurveyResponse": answer,
        "survey.SurveyChoice": choice,
        "organizations.Organization": school,
        "organizations.Person": person,
        "disclosures.DisclosureDocument": document,
        "assessment.SelfAssessment": assessment,
        "assessment.IndicatorAnswer": answered,
        "assessment.LegacyAssessmentResult": legacy,
    }
    LogEntry = old.get_model("admin", "LogEntry")
    ContentType = old.get_model("contenttypes", "ContentType")
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_or_create(app_label="news", model="article")[0],
        object_id=str(article.pk),
        object_repr=article.title,
        action_flag=2,
    )
    return rows, staff


def tenant_models():
    return [m for m in apps.get_models() if issubclass(m, CenterOwned)]


def existed(state, model):
    """Whether `model` was in the project before centers (the migration state `state`)."""
    try:
        state.get_model(model._meta.label)
    except LookupError:
        return False
    return True


def stored(model, pk, names):
    """A row's stored values, as the database has them."""
    return model._base_manager.filter(pk=pk).values(*names).get()


@pytest.mark.django_db(transaction=True)
def test_a_single_center_site_upgrades_into_its_first_center_with_nothing_lost(settings, client):
    # What the site was configured with: PORTAL_SITE_NAME and DJANGO_ALLOWED_HOSTS (a
    # pattern and an IPv6 literal are no host a center can answer at).
    settings.SITE_NAME = SITE
    settings.SITE_COMMUNE = "Tiên Phong"
    settings.FIRST_CENTER_HOSTS = [*HOSTS, ".example.vn", "[::1]"]
    try:
        old = migrate(BEFORE)
        rows, staff = fill(old)
        before = {}
        for label, row in rows.items():
            model = old.get_model(label)
            names = [f.attname for f in model._meta.concrete_fields]
            before[label] = (names, stored(model, row.pk, names))
        partner_ids = list(rows["classes.Course"].partners.values_list("pk", flat=True))

        new = migrate(leaves())

        from core.models import Center, Membership

        center = Center.objects.get()  # exactly one
        assert (center.name, center.commune) == (SITE, "Tiên Phong")
        assert list(center.hosts.values_list("host", "is_primary")) == [
            (HOSTS[0], True),
            (HOSTS[1], False),
        ]
        # Every tenant model that existed before centers was filled above: a new one of those
        # must be added here. A model born after centers (issue 16's and later) has no rows to
        # carry over; its table is checked for the second fence below like every other.
        assert {m._meta.label for m in tenant_models() if existed(old, m)} == set(rows)
        for label, (names, values) in before.items():
            model = new.get_model(label)
            now = stored(model, rows[label].pk, [*names, "center_id"])
            assert now.pop("center_id") == center.pk, label
            assert now == values, label
        Course = new.get_model("classes.Course")
        assert (
            list(
                Course.objects.get(pk=rows["classes.Course"].pk).partners.values_list(
                    "pk", flat=True
                )
            )
            == partner_ids
        )
        Document = new.get_model("disclosures.DisclosureDocument")
        assert Document.objects.get(slug="bieu-mau-05").replaced_by.slug == "bieu-mau-05-sua"
        LogEntry = new.get_model("admin", "LogEntry")
        assert LogEntry.objects.get(user_id=staff.pk).object_id == str(rows["news.Article"].pk)

        # Staff keep their groups and work at the center; the operator needs no workplace.
        User = new.get_model("auth", "User")
        assert list(User.objects.get(pk=staff.pk).groups.values_list("name", flat=True)) == [
            "Cán bộ trung tâm"
        ]
        workplaces = dict(Membership.objects.values_list("user__username", "center_id"))
        assert workplaces == {"can-bo-cu": center.pk, "nghi-viec": center.pk}

        # The second fence is up on every tenant table, for the table's owner too.
        with connection.cursor() as cursor:
            for model in tenant_models():
                table = model._meta.db_table
                cursor.execute(
                    "SELECT relrowsecurity, relforcerowsecurity FROM pg_class "
                    "WHERE oid = %s::regclass",
                    [table],
                )
                assert cursor.fetchone() == (True, True), table
                cursor.execute(
                    "SELECT qual, with_check FROM pg_policies WHERE tablename = %s", [table]
                )
                policies = cursor.fetchall()
                assert len(policies) == 1 and all("portal.center" in p for p in policies[0]), table

        # As a deploy runs it (the hooks after migrate: roles, permissions), then the site
        # works for that member of staff at the site's old address.
        call_command("migrate", verbosity=0)
        host = {"HTTP_HOST": HOSTS[0]}
        page = client.get("/tin-tuc/khai-giang-lop-tin-hoc/", **host)
        assert page.status_code == 200 and "Khai giảng lớp tin học" in page.content.decode()
        signed_in = client.post(
            "/admin/login/", {"username": "can-bo-cu", "password": PASSWORD}, **host
        )
        assert signed_in.status_code == 302
        listing = client.get("/admin/news/article/", **host)
        assert listing.status_code == 200 and "Khai giảng lớp tin học" in listing.content.decode()
    finally:
        migrate_to_leaves()
