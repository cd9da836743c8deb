from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache


@method_decorator(never_cache, name="dispatch")
class StaffView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """A staff page outside the admin: login, then `permission_required`; a logged-in user
    without it gets 403, not a login loop. Never cached by a browser or proxy."""

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            return render(self.request, "403.html", status=403)
        return super().handle_no_permission()


def login_lockout(request, original_response=None, credentials=None):
    """What django-axes answers to a login from a locked-out username and address: a page in
    Vietnamese saying how long to wait (429 Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/lockout.html", {"cooloff_minutes": minutes}, status=429)
