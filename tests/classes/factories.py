import datetime

import factory
from django.utils import timezone

from classes.models import Course, Kind, Partner, Session


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Hội Nông dân xóm {n}")


class CourseFactory(factory.django.DjangoModelFactory):
    """A published class, open for enrollment today, starting in a week."""

    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Lớp trồng lúa số {n}")
    kind = Kind.TECHNICAL
    place = "Hội trường UBND xã"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=30))
    capacity = 20
    enrollment_opens = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=3)
    )
    enrollment_closes = factory.LazyAttribute(lambda o: o.start_date)
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


def historical_course(year, learners, kind=Kind.VOCATIONAL, **kwargs):
    """A class held before the portal, with only a reported learner count."""
    return CourseFactory(
        start_date=datetime.date(year, 3, 1),
        end_date=datetime.date(year, 4, 1),
        enrollment_opens=None,
        enrollment_closes=None,
        capacity=None,
        reported_learners=learners,
        kind=kind,
        **kwargs,
    )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    date = factory.LazyFunction(timezone.localdate)
    start_time = datetime.time(19)
    end_time = datetime.time(21)
    topic = factory.Sequence(lambda n: f"Buổi {n}")
