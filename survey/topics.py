"""Topics of the learning-needs survey, as pure text: no model, no query.

A topic is ("kind", <classes Kind value>) or ("free", <folded key of the typed topic>); in URLs
and forms it travels as "kind:it" or "free:nau an". The model (`SurveyResponse.save`) and the
form both key a typed topic here, so "Học nấu ăn" and "nấu ăn" count as one.
"""

import re

from classes.models import Kind
from core.text import fold

# Words people put before the subject itself: "học nấu ăn", "lớp nấu ăn" → "nau an".
_FILLER = ("lop hoc ", "hoc ve ", "hoc ", "lop ", "ve ")
_NOT_WORD = re.compile(r"[^\w ]+")


def topic_key(text):
    """The grouping key of a typed topic: folded, punctuation dropped, filler words removed."""
    key = _NOT_WORD.sub(" ", fold(text or "")).strip()
    key = re.sub(r"\s+", " ", key)
    changed = True
    while changed:
        changed = False
        for filler in _FILLER:
            if key.startswith(filler):
                key, changed = key[len(filler) :], True
    return key[:100]


def parse_topic(text):
    """ "kind:it" → ("kind", "it"); "free:nau an" → ("free", "nau an"); anything else → None."""
    what, _sep, value = (text or "").partition(":")
    if what == "kind" and value in Kind.values:
        return ("kind", value)
    if what == "free" and value and value == topic_key(value):
        return ("free", value)
    return None
