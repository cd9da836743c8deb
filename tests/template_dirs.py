"""The folders that hold the project's own templates, for tests that read every template:
the shared `templates/` and each of our apps' `templates/` (Django's and third parties' aside).
"""

from pathlib import Path

from django.conf import settings
from django.template.utils import get_app_template_dirs


def our_template_dirs() -> list[Path]:
    base = Path(settings.BASE_DIR)
    apps = [
        Path(folder)
        for folder in get_app_template_dirs("templates")
        if base in Path(folder).parents and ".venv" not in Path(folder).parts
    ]
    return [*(Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]), *apps]
