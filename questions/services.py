"""Writes of the questions app: a villager's question, and the answer mailed to its asker."""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.centers import site_name
from questions.forms import question_consent_text
from questions.models import Question

log = logging.getLogger(__name__)


def question_create(*, title, body, asker_name="", show_name=False, phone="", email=""):
    """A question from the public form, unpublished until staff answer and publish it. The
    consent text is stored only with a phone or e-mail (the form asked for it)."""
    contact = bool(phone or email)
    return Question.objects.create(
        title=title,
        body=body,
        asker_name=asker_name,
        show_name=show_name and bool(asker_name),  # no name, nothing to show
        phone=phone,
        email=email,
        consent_text=question_consent_text() if contact else "",
    )


def question_answered(question, *, user):
    """Stamp the first answer (who and when); call before saving a question staff edited."""
    if question.is_answered and question.answered_at is None:
        question.answered_at = timezone.now()
        question.answered_by = user


def answer_mail(question, *, absolute_url):
    """E-mail the answer to the asker once, when they left an address (with consent). Returns
    True when a mail went out. `absolute_url(path)` makes the page's full address (the admin's
    `request.build_absolute_uri`: the host staff work at is the center's). A failing mail
    server leaves the question saved and unmarked, so the next save tries again."""
    if not (question.email and question.is_answered) or question.answer_mailed_at:
        return False
    lines = [
        _("Hello,"),
        "",
        _("%(center)s has answered your question “%(title)s”:")
        % {"center": site_name(), "title": question.title},
        "",
        question.answer,
        "",
    ]
    if question.is_published():
        lines.append(
            _("You can also read it at %(url)s")
            % {"url": absolute_url(question.get_absolute_url())}
        )
        lines.append("")
    lines.append(site_name())
    try:
        send_mail(
            # One line whatever staff typed: a line break in a subject is refused by the mail.
            _("Answer to your question: %(title)s") % {"title": " ".join(question.title.split())},
            "\n".join(lines),
            None,
            [question.email],
        )
    except OSError:
        log.exception("The answer to question %s could not be mailed", question.pk)
        return False
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(answer_mailed_at=timezone.now())
    question.answer_mailed_at = timezone.now()
    return True
