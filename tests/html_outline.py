"""What a screen reader's heading and landmark lists show of a page, for tests.

The Nu HTML checker validates markup, not the outline: a page may jump from `<h1>` to `<h3>`
or carry two unnamed search landmarks and still be valid HTML. These helpers read both.
"""

import itertools
from html.parser import HTMLParser

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that are landmarks wherever they stand (header and footer are only at the top).
IMPLICIT_ROLES = {"nav": "navigation", "aside": "complementary", "main": "main", "search": "search"}
LANDMARKS = {
    "banner",
    "complementary",
    "contentinfo",
    "form",
    "main",
    "navigation",
    "region",
    "search",
}


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []  # levels, in document order
        self.landmarks = []  # (role, accessible name or "")
        self.ids = {}
        self._ids_wanted = []
        self._text_of = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HEADINGS:
            self.headings.append(int(tag[1]))
        role = attrs.get("role") or IMPLICIT_ROLES.get(tag)
        if role in LANDMARKS:
            self.landmarks.append(
                [role, attrs.get("aria-label") or "", attrs.get("aria-labelledby") or ""]
            )
        if attrs.get("id") and tag in HEADINGS | {"span", "p", "label", "legend"}:
            self._text_of = [attrs["id"], tag, ""]

    def handle_data(self, data):
        if self._text_of:
            self._text_of[2] += data

    def handle_endtag(self, tag):
        if self._text_of and self._text_of[1] == tag:
            self.ids[self._text_of[0]] = self._text_of[2].strip()
            self._text_of = None


def outline(html: str):
    parser = _Outline()
    parser.feed(html)
    landmarks = [
        (role, label or " ".join(parser.ids.get(i, "") for i in labelledby.split()).strip())
        for role, label, labelledby in parser.landmarks
    ]
    return parser.headings, landmarks


def outline_problems(html: str) -> list[str]:
    """Headings that skip a level going down, or not one `<h1>`; landmarks of one role that
    a screen reader cannot tell apart (more than one, not each with its own name)."""
    headings, landmarks = outline(html)
    problems = []
    if headings.count(1) != 1:
        problems.append(f"{headings.count(1)} <h1> headings")
    for before, after in itertools.pairwise(headings):
        if after > before + 1:
            problems.append(f"<h{before}> followed by <h{after}>")
    for role in {role for role, _name in landmarks}:
        names = [name for r, name in landmarks if r == role]
        if len(names) > 1 and (not all(names) or len(set(names)) < len(names)):
            problems.append(f"{len(names)} role={role} landmarks named {names}")
    return problems
