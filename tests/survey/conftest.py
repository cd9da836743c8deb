# The rate limit counts in the cache, as for the enrollment form: start each test clean.
from tests.attendance.conftest import _fresh_rate_limit  # noqa: F401
