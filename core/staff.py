"""Staff tools: how an app tells the staff home page (`/quan-ly/`) what it offers."""

from dataclasses import dataclass


@dataclass(frozen=True)
class StaffTool:
    """One staff page, as listed on the staff home page."""

    title: str
    description: str
    url: str
