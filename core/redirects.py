"""Addresses that moved when centers merged (`core.PathRedirect`, made by `core.merging`).

A page of the merged center whose slug the center it joined already used got a new slug.
Its old address sits on posters, in QR codes and in links shared on Zalo, all at the merged
center's host names, and `CenterMiddleware` sends that host to the center it joined. Because
the old path is the one the joined center's own page uses (that is why it was renamed), the
redirect cannot wait for a 404 there: it is decided at the merged center's host, before the
reader is sent on, by `moved_location` here — the one place redirects are read.
"""

from django.db.models.functions import Length

# Deeper paths than this are no page's address: not worth a longer IN (...) list.
MAX_SEGMENTS = 8


def _prefixes(path):
    """`/lop-hoc/may/dang-ky/` → `/lop-hoc/`, `/lop-hoc/may/`, `/lop-hoc/may/dang-ky/`: a
    redirect of a page covers the addresses under it (its poster, its enrollment form...).
    A last segment without its slash (`/lop-hoc/may`) matches the page too."""
    segments = [segment for segment in path.split("/") if segment][:MAX_SEGMENTS]
    prefixes, prefix = [], "/"
    for segment in segments:
        prefix += segment + "/"
        prefixes.append(prefix)
    if segments and not path.endswith("/"):
        prefixes.append(prefix[:-1])
    return prefixes


def moved_location(center_id, path, query_string=""):
    """Where `path` (at a host of the center `center_id`) moved, with what followed the old
    address and the query string kept; None when it did not move. One query."""
    from core.models import PathRedirect

    candidates = _prefixes(path)
    if not candidates:
        return None
    found = (
        PathRedirect.objects.filter(center_id=center_id, old_path__in=candidates)
        .order_by(Length("old_path").desc())
        .values_list("old_path", "new_path")
        .first()
    )
    if found is None:
        return None
    old_path, new_path = found
    location = new_path + path[len(old_path) :]  # "" when the slash was left off
    return f"{location}?{query_string}" if query_string else location
