import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_load_demo_runs_twice_without_duplicating_anything():
    from django.apps import apps

    def counts():
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}

    call_command("load_demo", stdout=io.StringIO())
    first = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first


def test_load_demo_respells_what_an_earlier_demo_wrote_instead_of_duplicating_it():
    """The demo's titles follow docs/translation-style.md now ("khóa 2", "văn hóa"); a site
    loaded by an earlier demo keeps one row each, respelled."""
    from classes.models import Course
    from news.models import Article

    call_command("load_demo", stdout=io.StringIO())
    course = Course.objects.get(title="Dạy nghề trồng cây cảnh (khóa 2)")
    article = Article.objects.get(title__startswith="Hoạt động văn hóa, văn nghệ")
    old_course = course.title.replace("khóa", "kho\u00e1")
    old_article = article.title.replace("hóa", "ho\u00e1")
    Course.objects.filter(pk=course.pk).update(title=old_course)
    Article.objects.filter(pk=article.pk).update(title=old_article)
    courses, articles = Course.objects.count(), Article.objects.count()

    call_command("load_demo", stdout=io.StringIO())
    assert (Course.objects.count(), Article.objects.count()) == (courses, articles)
    course.refresh_from_db()
    article.refresh_from_db()
    assert "khóa 2" in course.title and "văn hóa" in article.title


def test_local_admin_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("create_local_admin", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


def test_local_admin_password_is_printed_once(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_local_admin", stdout=out)
    password = out.getvalue().split("Password: ", 1)[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)

    again = io.StringIO()
    call_command("create_local_admin", stdout=again)
    assert password not in again.getvalue()
    user.refresh_from_db()
    assert user.check_password(password)


def test_mail_admins_mails_the_text_it_reads(settings, mailoutbox):
    """What systemd runs when a daily job fails (deploy/systemd/tientan-failed@.service)."""
    settings.ADMINS = [("Quản trị viên", "quantri@example.vn")]
    journal = "pg_dump: error: connection to server failed\n"
    call_command(
        "mail_admins", "tientan-backup.service failed", stdin=io.StringIO(journal),
        stdout=io.StringIO(),
    )  # fmt: skip
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["quantri@example.vn"]
    assert mailoutbox[0].subject.endswith("tientan-backup.service failed")
    assert journal in mailoutbox[0].body


def test_mail_admins_without_admins_is_an_error(settings, mailoutbox):
    settings.ADMINS = []
    with pytest.raises(CommandError, match="DJANGO_ADMINS"):
        call_command("mail_admins", "x", stdin=io.StringIO("y"), stdout=io.StringIO())
    assert mailoutbox == []
