import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The rate limit counts in the cache, which outlives a test: start each one clean."""
    cache.clear()
    yield
    cache.clear()
