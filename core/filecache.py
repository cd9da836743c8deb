"""A folder on the server's disk as the cache every worker shares: the production default on
one server when no `CACHE_URL` is given (README, "Speed").

Django's FileBasedCache already shares pages between processes (each write is a rename, so a
reader never sees half a file). What it lacks for counters (the rate limits, the page cache's
content version) is atomicity: its `add` and `incr` read, then write, so two workers counting
at once lose a count, and its `incr` resets the entry's expiry. Here both run under an
exclusive lock on one file of the folder, and `incr` keeps the expiry, as Redis does. Counters
are written a few times per form submission or publish, so one lock for the folder costs
nothing noticeable; reads take no lock.
"""

import os
import pickle
import tempfile
import zlib
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks
from django.core.files.move import file_move_safe


class FileCache(FileBasedCache):
    @contextmanager
    def _counter_lock(self):
        self._createdir()
        with open(os.path.join(self._dir, "counters.lock"), "a+b") as handle:
            locks.lock(handle, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(handle)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._counter_lock():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._counter_lock():
            fname = self._key_to_file(key, version)
            try:
                with open(fname, "rb") as handle:
                    if self._is_expired(handle):  # closes and removes it
                        raise ValueError(f"Key '{key}' not found")
                    handle.seek(0)
                    expiry = pickle.load(handle)  # noqa: S301 - our own files, as in Django
                    value = pickle.loads(zlib.decompress(handle.read())) + delta  # noqa: S301
            except FileNotFoundError:
                raise ValueError(f"Key '{key}' not found") from None
            # Written beside and renamed over, as `set` does, so readers never see half a file.
            fd, tmp_path = tempfile.mkstemp(dir=self._dir)
            try:
                with open(fd, "wb") as handle:
                    handle.write(pickle.dumps(expiry, self.pickle_protocol))
                    handle.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
                file_move_safe(tmp_path, fname, allow_overwrite=True)
            except BaseException:
                if os.path.exists(tmp_path):
                    os.remove(tmp_path)
                raise
            return value
