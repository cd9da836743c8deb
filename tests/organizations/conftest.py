import pytest

from organizations.models import Organization
from organizations.seed import ensure_organizations


@pytest.fixture(autouse=True)
def _organizations(db):
    """The organizations a migration creates; a transactional test's flush removes them."""
    ensure_organizations(Organization)
