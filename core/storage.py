"""Media storage that never leaves half-written files behind.

When the disk fills up during an upload, Django's FileSystemStorage raises OSError(ENOSPC) but
keeps the truncated file. `MediaStorage` removes it, and can tell a caller which files were
written during a block (`track_saved_files`), so a failed form can remove those too: nothing on
disk without a row, and no row without its file.
"""

import contextlib
import contextvars
import errno
import os

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})

# What staff read when an upload met a full disk, wherever they uploaded.
DISK_FULL_MESSAGE = _(
    "Nothing was saved: the server's disk for uploaded files is full. Tell the "
    "technical administrator; once space is freed, enter this again."
)

_saved = contextvars.ContextVar("saved_media_files", default=None)


def is_disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        # Upload names are random (core.uploads.DatedUploadTo), so the path is new; if it is
        # not, Django picks another name we cannot see, and nothing is removed on failure.
        ours = not os.path.lexists(path)
        try:
            name = super()._save(name, content)
        except OSError:
            if ours:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(path)
            raise
        saved = _saved.get()
        if saved is not None:
            saved.append((self, name))
        return name


@contextlib.contextmanager
def track_saved_files():
    """Collect `(storage, name)` of every file MediaStorage saves inside the block."""
    saved = []
    token = _saved.set(saved)
    try:
        yield saved
    finally:
        _saved.reset(token)
