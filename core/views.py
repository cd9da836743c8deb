from django.conf import settings
from django.shortcuts import render


def login_lockout(request, original_response=None, credentials=None):
    """What django-axes answers to a login from a locked-out username and address: a page in
    Vietnamese saying how long to wait (429 Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/lockout.html", {"cooloff_minutes": minutes}, status=429)
