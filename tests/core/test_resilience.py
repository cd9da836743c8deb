"""What readers and staff see when the database or the media disk fails."""

import errno

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError

from core.storage import MediaStorage, is_disk_full
from tests.diskfull import disk_with_free_space

pytestmark = pytest.mark.django_db


def _failing(error):
    def home_context(request):
        raise error

    return home_context


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server on socket failed: No such file or directory"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_database_outage_gives_a_vietnamese_503_with_retry_after(client, monkeypatch, error):
    from news import selectors

    monkeypatch.setattr(selectors, "home_context", _failing(error))
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-cache" in response["Cache-Control"]
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Trang web tạm thời gián đoạn" in page
    assert "Thử lại" in page
    # The next request, once the database answers, is served normally.
    monkeypatch.undo()
    assert client.get("/").status_code == 200


def test_the_503_page_needs_no_database(client, monkeypatch, django_assert_num_queries):
    from news import selectors

    monkeypatch.setattr(selectors, "home_context", _failing(OperationalError("down")))
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 503


def test_other_database_errors_are_still_server_errors(client, monkeypatch):
    """Only an unreachable database is "come back later"; a bug stays a 500 (and is logged)."""
    from news import selectors

    client.raise_request_exception = False
    monkeypatch.setattr(selectors, "home_context", _failing(IntegrityError("duplicate key")))
    assert client.get("/").status_code == 500


def test_a_full_disk_leaves_no_half_written_file(settings, monkeypatch, tmp_path):
    storage = MediaStorage(location=tmp_path)
    with disk_with_free_space(monkeypatch, free=1000), pytest.raises(OSError) as caught:
        storage.save("news/attachments/a.pdf", ContentFile(b"x" * 5000))
    assert is_disk_full(caught.value)
    assert caught.value.errno == errno.ENOSPC
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_an_existing_file_is_never_removed_after_a_failed_save(monkeypatch, tmp_path):
    storage = MediaStorage(location=tmp_path)
    first = storage.save("a.pdf", ContentFile(b"old"))
    with disk_with_free_space(monkeypatch, free=0), pytest.raises(OSError):
        storage.save("a.pdf", ContentFile(b"new content"))
    assert (tmp_path / first).read_bytes() == b"old"
