from django.conf import settings
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.utils import unquote
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
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


# The site's error pages. Django's own handlers are wrapped in `requires_csrf_token`, which
# reads the request's form data again: when that data was what failed (a form sent as UTF-16,
# too many fields, a body over the size limit), the 400 page itself failed, then the 500 page,
# and the client got gunicorn's bare error without the site's headers. These never parse the
# request body.


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without its security token, or from another site (CSRF_FAILURE_VIEW):
    usually a page left open too long or cookies turned off. In Vietnamese, not Django's
    technical English page."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    # Like Django's: no context processors, as the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def view_on_site(request, content_type_id, object_id):
    """The admin's "View on site" (`/admin/r/<ct>/<id>/`), only for an object this person may
    see in the admin: Django's own view answers any staff member with the public address of
    any object, which for a draft of another organization gives away its slug."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    try:
        model_admin = admin.site.get_model_admin(model)
    except NotRegistered:
        raise Http404 from None
    if not model_admin.has_view_or_change_permission(request):
        raise Http404
    # get_object goes through the admin's own get_queryset: whatever it hides is not found.
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return contenttype_views.shortcut(request, content_type_id, object_id)
