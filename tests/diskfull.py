"""A media disk that fills up: file writes through Django's FileSystemStorage succeed until
`free` bytes have been written, then write what still fits and raise OSError(ENOSPC), exactly
as a full filesystem does. (The resilience drill uses a real full tmpfs; see scripts/drills.)"""

import contextlib
import errno
import os

from django.core.files.storage import filesystem


class _FillingFile:
    def __init__(self, fh, disk):
        self._fh, self._disk = fh, disk

    def write(self, data):
        room = self._disk.free
        if len(data) > room:
            self._fh.write(data[:room])
            self._disk.free = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._disk.free -= len(data)
        return self._fh.write(data)

    def close(self):
        self._fh.close()


class FullDisk:
    def __init__(self, free):
        self.free = free


@contextlib.contextmanager
def disk_with_free_space(monkeypatch, free):
    disk = FullDisk(free)
    real_fdopen = os.fdopen

    class PatchedOs:
        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def fdopen(fd, *args, **kwargs):
            return _FillingFile(real_fdopen(fd, *args, **kwargs), disk)

    with monkeypatch.context() as m:
        m.setattr(filesystem, "os", PatchedOs())
        yield disk
