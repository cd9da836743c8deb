"""Staff accounts at the door of the admin: the login form and the password reset.

- A username longer than any account's (the user model's max_length) is refused with the
  site's 400 page before anything looks it up: nobody types one, and django-axes would try to
  store it in its varchar(255) lock-out records.
- A password reset is limited per e-mail address asked for and per client (core.ratelimit),
  and answers in the same time whether or not an account has the address: the mail is built
  and sent after the response has gone out (ResetRedirect.close), so the only work done
  before the answer is one lookup, the same for both.
"""

import logging

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import _unicode_ci_compare
from django.core.exceptions import BadRequest
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from core import ratelimit
from core.centers import accounts_working_at, may_work_at
from core.tenancy import current_center

log = logging.getLogger(__name__)


class CenterModelBackend(ModelBackend):
    """Django's username-and-password check, for accounts that work on this host: a center's
    staff at their center's host, the province's overview accounts at the operator's, the
    operator everywhere (core.centers.may_work_at). Anyone else is refused like a wrong
    password, so the form does not tell which centers an account belongs to."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        # A request that came through core.middleware.CenterMiddleware knows its center
        # (None: the operator's host). The test client's login() and the shell do not:
        # their session is checked on its first request by CenterAccessMiddleware.
        if (
            user is not None
            and hasattr(request, "center")
            and not may_work_at(user, request.center)
        ):
            return None
        return user

    def get_user(self, user_id):
        """The session's account with its workplace in the same query: every request checks
        it (core.middleware.CenterAccessMiddleware)."""
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("membership").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class SignInForm(auth_forms.AuthenticationForm):
    """Django's sign-in form, refusing what no account could have as a username (the site's
    400 page, before any lookup)."""

    def clean(self):
        username_field = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD)
        if len(self.data.get("username", "")) > username_field.max_length:
            raise BadRequest("Username longer than any account's")
        return super().clean()


class LoginForm(SignInForm, AdminAuthenticationForm):
    """The admin's login form: staff accounts only (Django's), no overlong usernames."""


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, except that the mails it would send are kept for later (`outbox`):
    each is rendered and sent by Django's own `send_mail`, after the response."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outbox = []

    def send_mail(self, *args, **kwargs):
        self.outbox.append((args, kwargs))

    def get_users(self, email):
        """Django's, for the accounts that may sign in here only: a center's host never mails
        a link for an account of another center. Still one query, found or not."""
        email_field = get_user_model().get_email_field_name()
        users = get_user_model()._default_manager.filter(
            accounts_working_at(current_center()), **{f"{email_field}__iexact": email}
        )
        return (
            user
            for user in users
            if user.has_usable_password() and _unicode_ci_compare(email, getattr(user, email_field))
        )

    def send_outbox(self):
        for args, kwargs in self.outbox:
            super().send_mail(*args, **kwargs)
        self.outbox = []


class ResetRedirect(HttpResponseRedirect):
    """The redirect to "check your mail", which sends the mails once the WSGI server has
    delivered it (servers call `close()` after the last byte)."""

    def __init__(self, url, form):
        super().__init__(url)
        self._form = form

    def close(self):
        super().close()
        form, self._form = self._form, None
        if form is not None:
            try:
                form.send_outbox()
            except Exception:  # never let a mail server break the next request
                log.exception("Could not send the password reset mail")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The mailed link sets a new password only at a host where its account may work
    (core.centers.may_work_at): opened at another center's host it is an invalid link, and
    that page names nobody."""

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is not None and not may_work_at(user, current_center()):
            return None
        return user


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def form_valid(self, form):
        rate = settings.PASSWORD_RESET_RATE_LIMIT
        address = form.cleaned_data["email"].strip().casefold()
        # Both are counted on every request, so neither can be used to probe the other.
        too_many_for_address = ratelimit.count("password-reset-address", address, rate)
        too_many_from_client = ratelimit.hit(self.request, "password-reset", rate)
        if too_many_for_address or too_many_from_client:
            log.warning("Password reset rate limit reached")
            form.add_error(
                "email",
                _(
                    "Too many password reset requests. If an e-mail has already been sent, "
                    "look for it in your mailbox (and in spam); otherwise try again in an hour."
                ),
            )
            return render(
                self.request, self.template_name, self.get_context_data(form=form), status=429
            )
        super().form_valid(form)  # builds the mails into form.outbox; sends nothing yet
        return ResetRedirect(self.get_success_url(), form)
