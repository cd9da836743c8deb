"""The folder cache that the workers of one server share (core.filecache): counters must not
lose counts when several processes count at once, and counting must not stretch a limit's
period."""

import multiprocessing
import time

import pytest

from core.filecache import FileCache

PROCESSES = 4
COUNTS = 150


def _count(folder, key):
    cache = FileCache(str(folder), {})
    for _ in range(COUNTS):
        cache.incr(key)


def test_counts_from_several_processes_all_add_up(tmp_path):
    cache = FileCache(str(tmp_path), {})
    assert cache.add("hits", 0, timeout=3600)
    assert not cache.add("hits", 5, timeout=3600)  # add never overwrites
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_count, args=(tmp_path, "hits")) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert cache.get("hits") == PROCESSES * COUNTS


def test_counting_keeps_the_expiry(tmp_path):
    cache = FileCache(str(tmp_path), {})
    cache.add("hits", 0, timeout=1)
    assert cache.incr("hits") == 1
    time.sleep(1.2)
    # The period ended: the counter is gone, as in Redis (Django's incr would have restarted
    # a fresh default timeout of 300 s on every count).
    assert cache.get("hits") is None
    with pytest.raises(ValueError):
        cache.incr("hits")
