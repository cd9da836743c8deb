"""What the portal's own records show for the learning-community self-assessment (TT 25/2023).

The checklist and the answers are this app's; the classes, the news and the disclosure
documents are the apps' below. This module asks each app through its selectors and turns the
answers into one `Evidence` per portal check (`Indicator.Evidence`). A check is a suggestion
shown next to the indicator and pre-filled in its form: staff confirm it by saving, or answer
otherwise; the printout counts only what staff saved.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.models import Indicator, IndicatorAnswer, level_met, level_reached
from classes import selectors as classes_selectors
from disclosures import selectors as disclosures_selectors
from news import selectors as news_selectors

# Folded into the news search text; finds "Tuần lễ hưởng ứng học tập suốt đời" in any article.
LIFELONG_PHRASE = "học tập suốt đời"


@dataclass
class Evidence:
    passed: bool
    summary: str  # "Cổng thông tin: 12 lớp học trong năm 2025 — đạt"
    links: list = field(default_factory=list)  # [(label, url)]

    @property
    def suggestion(self):
        """The answer the portal proposes: met when its records show it, else no proposal."""
        return IndicatorAnswer.Result.MET if self.passed else None


def _verdict(passed):
    return _("met") if passed else _("not met")


def classes_held(assessment) -> Evidence:
    """Classes the records show in the year. Classes whose figures are estimates are named
    but prove nothing: a reconstruction is no evidence."""
    start, end = assessment.period
    count, estimated = classes_selectors.count_held_between(start, end)
    text = ngettext(
        "Portal: %(count)s class held in %(year)s",
        "Portal: %(count)s classes held in %(year)s",
        count,
    ) % {"count": count, "year": assessment.year}
    if estimated:
        text += " " + ngettext(
            "(and %(n)s class whose figures are an estimate, not counted)",
            "(and %(n)s classes whose figures are estimates, not counted)",
            estimated,
        ) % {"n": estimated}
    return Evidence(count > 0, f"{text} — {_verdict(count > 0)}")


def plan_and_report(assessment) -> Evidence:
    plans, reports = disclosures_selectors.center_plans_and_reports(assessment.year)
    passed = bool(plans) and bool(reports)
    parts = [
        _("plan published") if plans else _("no plan published"),
        _("yearly report published") if reports else _("no yearly report (TT 09/2024 Art. 14)"),
    ]
    text = _("Portal, %(year)s: %(parts)s") % {"year": assessment.year, "parts": "; ".join(parts)}
    links = [(d.title, d.get_absolute_url()) for d in [*plans, *reports]]
    return Evidence(passed, f"{text} — {_verdict(passed)}", links)


def lifelong_week(assessment) -> Evidence:
    start, end = assessment.lifelong_week
    classes = classes_selectors.count_active_between(start, end)
    # News of the week is listed for staff to judge; it passes the check on its own only when
    # it names lifelong learning (any other news of early October is no evidence).
    about = news_selectors.published_between(*assessment.period, mentioning=LIFELONG_PHRASE)
    articles = {
        url: (title, url)
        for title, url, _day in [*news_selectors.published_between(start, end), *about]
    }
    passed = classes > 0 or bool(about)
    text = _("Portal, week %(start)s–%(end)s: %(classes)s, %(articles)s") % {
        "start": date_format(start, "SHORT_DATE_FORMAT"),
        "end": date_format(end, "SHORT_DATE_FORMAT"),
        "classes": ngettext("%(n)s class", "%(n)s classes", classes) % {"n": classes},
        "articles": ngettext("%(n)s news article", "%(n)s news articles", len(articles))
        % {"n": len(articles)},
    }
    return Evidence(passed, f"{text} — {_verdict(passed)}", list(articles.values()))


CHECKS = {
    Indicator.Evidence.CLASSES_HELD: classes_held,
    Indicator.Evidence.PLAN_AND_REPORT: plan_and_report,
    Indicator.Evidence.LIFELONG_WEEK: lifelong_week,
}


@dataclass
class Row:
    indicator: Indicator
    answer: IndicatorAnswer | None
    evidence: Evidence | None

    @property
    def result_label(self):
        if self.answer is None:
            return IndicatorAnswer.Result.UNKNOWN.label
        return self.answer.get_result_display()

    @property
    def result(self):
        return self.answer.result if self.answer else IndicatorAnswer.Result.UNKNOWN


@dataclass
class Checklist:
    assessment: object
    rows: list

    @property
    def indicators(self):
        return [row.indicator for row in self.rows]

    @property
    def answers(self):
        return {row.indicator.pk: row.answer for row in self.rows if row.answer}

    def criteria(self):
        """[(number, title, rows)] in order, for headings."""
        groups = {}
        for row in self.rows:
            key = row.indicator.criterion
            groups.setdefault(key, (key, row.indicator.criterion_title, []))[2].append(row)
        return list(groups.values())

    @property
    def reached(self) -> int:
        return level_reached(self.indicators, self.answers)

    @property
    def target_met(self) -> bool:
        return level_met(self.assessment.target_level, self.indicators, self.answers)

    @property
    def unanswered(self) -> int:
        return sum(1 for row in self.rows if row.result == IndicatorAnswer.Result.UNKNOWN)

    @property
    def unverified(self) -> int:
        return sum(1 for row in self.rows if not row.indicator.is_verified)


def checklist(assessment) -> Checklist:
    """The active indicators with this year's answers and the portal's evidence: each check
    runs once, whatever number of indicators use it."""
    indicators = list(Indicator.objects.active())
    answers = {a.indicator_id: a for a in assessment.answers.all()}
    evidence = {
        key: CHECKS[key](assessment)
        for key in {i.evidence_key for i in indicators}
        if key in CHECKS
    }
    return Checklist(
        assessment,
        [Row(i, answers.get(i.pk), evidence.get(i.evidence_key)) for i in indicators],
    )
