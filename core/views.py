import logging

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.utils import unquote
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import RichTextImageForm
from core.storage import DISK_FULL_MESSAGE, is_disk_full

log = logging.getLogger(__name__)


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


# The same pages at the hosting operator's host, which serves no center's pages: the site's
# 400/403 templates are built on a center's header and links (base.html), so there the
# messages come on a page of their own.
OPERATOR_ERRORS = {
    "400": (
        gettext_lazy("Bad request"),
        [gettext_lazy("The request could not be understood. Please go back and try again.")],
    ),
    "403": (
        gettext_lazy("Access denied"),
        [
            gettext_lazy(
                "You do not have permission to open this page. If you are staff, log in with "
                "an account that has this right."
            )
        ],
    ),
    "403_csrf": (
        gettext_lazy("The form could not be sent"),
        [
            gettext_lazy(
                "Your browser did not send back the security code of this form, usually "
                "because the page was left open for a long time or cookies are blocked. "
                "Nothing was saved."
            ),
            gettext_lazy(
                "Go back, reload the page and send the form again. If this happens again, "
                "allow cookies for this site."
            ),
        ],
    ),
}


def _error_page(request, name, status):
    if getattr(request, "urlconf", None) == settings.OPERATOR_URLCONF:
        title, paragraphs = OPERATOR_ERRORS[name]
        return render(
            request,
            "operator_error.html",
            {"title": title, "paragraphs": paragraphs},
            status=status,
        )
    return render(request, f"{name}.html", status=status)


def bad_request(request, exception):
    return _error_page(request, "400", 400)


def permission_denied(request, exception):
    return _error_page(request, "403", 403)


def csrf_failure(request, reason=""):
    """A form sent without its security token, or from another site (CSRF_FAILURE_VIEW):
    usually a page left open too long or cookies turned off. In Vietnamese, not Django's
    technical English page; as JSON to a script that asks for it (the editor's uploads)."""
    if _wants_json(request):
        return _json_error(
            _("The page was open too long. Reload it (F5), then insert the picture again."), 403
        )
    return _error_page(request, "403_csrf", 403)


def _wants_json(request):
    return request.accepts("application/json") and not request.accepts("text/html")


def _json_error(message, status):
    return JsonResponse({"error": str(message)}, status=status)


@require_POST
@never_cache
def rich_text_image_upload(request):
    """The rich-text editor's "insert picture" dialog (static/js/rich-text-editor.js) posts a
    file and what it shows; the answer is JSON: the stored picture's address and size (201),
    or what is wrong, in Vietnamese (400; 403 without a login or the right; 507 when the
    media disk is full). Staff with `core.add_richtextimage` (both staff roles) may upload;
    the CSRF token is checked as for any form."""
    user = request.user
    if not user.is_authenticated:
        return _json_error(
            _(
                "You are no longer logged in. Log in to the administration again in another "
                "tab, then insert the picture again."
            ),
            403,
        )
    if not (user.is_staff and user.has_perm("core.add_richtextimage")):
        return _json_error(_("Your account may not add pictures. Ask an administrator."), 403)
    form = RichTextImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _json_error(" ".join(m for errors in form.errors.values() for m in errors), 400)
    picture = form.save(commit=False)
    picture.created_by = picture.updated_by = user
    try:
        picture.save()
    except OSError as error:
        if not is_disk_full(error):
            raise
        log.error("Picture refused, media disk full: %s", error)
        return _json_error(DISK_FULL_MESSAGE, 507)
    return JsonResponse(
        {
            "url": picture.image.url,
            "width": picture.width,
            "height": picture.height,
            "alt": picture.alt,
        },
        status=201,
    )


def operator_not_found(request, exception=None):
    """404 at the hosting operator's host (`tienTan_portal/urls_operator.py`): the page every
    host that is no center's gets (core.middleware.unknown_host). The site's 404.html is a
    center's page, built on URLs the operator's host does not serve."""
    from core.middleware import unknown_host

    return unknown_host(request)


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
