import factory

from attendance.models import Enrollment, Learner
from tests.classes.factories import CourseFactory
from tests.factories import hamlet


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learner

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {chr(65 + n % 26)}")
    birth_year = 1970
    sex = "male"
    hamlet = factory.LazyFunction(hamlet)
    phone = ""


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    learner = factory.SubFactory(LearnerFactory)
    course = factory.SubFactory(CourseFactory)
    status = Enrollment.Status.CONFIRMED


def enroll_data(**overrides):
    """A valid enrollment form submission."""
    data = {
        "full_name": "Trần Thị Thử",
        "birth_year": "1968",
        "sex": "female",
        "hamlet": str(hamlet().pk),
        "phone": "0912 345 678",
        "guardian_name": "",
        "guardian_phone": "",
        "note": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data
