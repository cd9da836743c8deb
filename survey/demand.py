"""Reading the learning-needs survey: the demand, counted in the database.

Only counts leave this module, except `interested()`, which staff pages use to list people who
agreed to be contacted.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Min

from classes.models import Kind
from survey.models import Season, SurveyChoice, SurveyResponse, TimeOfDay


def topic_label(topic, year=None):
    """What staff read for a topic: the kind's name, or the most common spelling typed."""
    what, value = topic
    if what == "kind":
        return str(Kind(value).label)
    # The same spelling the demand page shows (Min: one query, stable).
    label = (
        SurveyResponse.objects.in_year(year)
        .filter(other_topic_key=value)
        .aggregate(label=Min("other_topic"))["label"]
    )
    return label or value


@dataclass
class TopicDemand:
    topic: str  # "kind:it" / "free:nau an"
    label: str
    requests: int
    contactable: int


@dataclass
class Demand:
    year: int | None
    answers: int = 0
    topics: list = field(default_factory=list)
    hamlets: list = field(default_factory=list)
    times: list = field(default_factory=list)
    seasons: list = field(default_factory=list)


def demand(year=None):
    """Every count of the staff page in four queries, whatever the number of answers."""
    responses = SurveyResponse.objects.in_year(year)
    result = Demand(year=year, answers=responses.count())
    if not result.answers:
        return result

    contactable = SurveyResponse.contactable_q("response__")
    counts = {}
    for row in (
        SurveyChoice.objects.wishes()
        .filter(response__in=responses)
        .values("question", "value")
        .annotate(n=Count("id"), reachable=Count("id", filter=contactable))
        .order_by()
    ):
        counts.setdefault(row["question"], {})[row["value"]] = (row["n"], row["reachable"])

    kinds = counts.get(SurveyChoice.Question.KIND, {})
    topics = [
        TopicDemand(f"kind:{value}", str(label), *kinds[value])
        for value, label in Kind.choices
        if value in kinds
    ]
    topics += [
        TopicDemand(f"free:{row['other_topic_key']}", row["label"], row["n"], row["reachable"])
        for row in responses.exclude(other_topic_key="")
        .values("other_topic_key")
        .annotate(
            n=Count("id"),
            reachable=Count("id", filter=SurveyResponse.contactable_q()),
            label=Min("other_topic"),
        )
        .order_by()
    ]
    result.topics = sorted(topics, key=lambda t: (-t.requests, t.label))
    result.hamlets = [
        (row["hamlet__name"], row["n"])
        for row in responses.values("hamlet__name", "hamlet__is_other", "hamlet__position")
        .annotate(n=Count("id"))
        .order_by("-n", "hamlet__is_other", "hamlet__position", "hamlet__name")
    ]
    for question, choices, target in (
        (SurveyChoice.Question.TIME, TimeOfDay.choices, result.times),
        (SurveyChoice.Question.SEASON, Season.choices, result.seasons),
    ):
        asked = counts.get(question, {})
        target += [(str(label), asked.get(value, (0, 0))[0]) for value, label in choices]
    return result


def answer_years():
    return [d.year for d in SurveyResponse.objects.dates("answered_on", "year", order="DESC")]


def interested(topic, year=None):
    """People who asked for a topic and agreed to be contacted, for a staff page only."""
    return (
        SurveyResponse.objects.in_year(year)
        .wanting(topic)
        .contactable()
        .select_related("hamlet")
        .order_by("hamlet__is_other", "hamlet__position", "hamlet__name", "full_name", "pk")
    )
