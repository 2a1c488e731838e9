"""Sign-in steps after the password (TOTP code, enrolment, recovery codes), the lockout page and the account page."""

from datetime import timedelta
from urllib.parse import urlencode

import django_otp
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from repatria.core.views import local_url

from . import twofactor

# Fresh recovery codes wait here between the POST that made them and the one page that shows them.
RECOVERY_CODES_SESSION_KEY = "recovery_codes_once"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"class": "form-control", "autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def next_url(request: HttpRequest) -> str:
    """Where to go once this step is done: the page first asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return local_url(request, target, reverse(settings.LOGIN_REDIRECT_URL))


@never_cache
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second sign-in step: a code from the authenticator app, or one of the recovery codes."""
    user = request.user
    if not twofactor.requires_two_factor(user) or twofactor.is_verified(request):
        return HttpResponseRedirect(next_url(request))
    if not twofactor.has_totp(user):
        return redirect_keeping_next(request, "otp_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        throttled = twofactor.is_throttled(user, code)  # before trying: a wrong code starts the wait
        device = None if throttled else twofactor.verify_code(user, code)
        if device is not None:
            request.session.cycle_key()  # a new session id for the now fully signed-in session
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = twofactor.recovery_codes_left(user)
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(left)d left. Make new ones on your account page.")
                    % {"left": left},
                )
            return HttpResponseRedirect(next_url(request))
        if throttled:
            form.add_error("code", _("Too many wrong codes. Wait a few seconds, then enter the current code."))
        else:
            form.add_error("code", _("That code is not right. Enter the current code from your authenticator app."))
    return render(request, "registration/otp_verify.html", {"form": form, "next": next_url(request)})


@never_cache
@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in of an officer without an authenticator: show the secret, confirm it with a first code.

    Only a user with no confirmed authenticator gets here, so a stolen password cannot enrol a second one.
    """
    user = request.user
    if not twofactor.requires_two_factor(user):
        return HttpResponseRedirect(next_url(request))
    if twofactor.has_totp(user):
        if twofactor.is_verified(request):
            return HttpResponseRedirect(next_url(request))
        return redirect_keeping_next(request, "otp_verify")
    device = twofactor.pending_totp_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            return redirect_keeping_next(request, "recovery_codes")
        form.add_error("code", _("That code is not right. Check the time on your phone and enter the current code."))
    context = {
        "form": form,
        "next": next_url(request),
        "secret": twofactor.secret_text(device),
        "qr_code": twofactor.qr_data_uri(device.config_url),
    }
    return render(request, "registration/otp_enrol.html", context)


@never_cache
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show a new batch of recovery codes, once: they are kept only as long as it takes to show them."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("account")
    return render(request, "registration/recovery_codes.html", {"codes": codes, "next": next_url(request)})


@never_cache
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's own page: who they are, their second-factor devices, and the buttons that end sessions."""
    user = request.user
    context = {
        "totp_devices": twofactor.confirmed_totp_devices(user),
        "recovery_codes_left": twofactor.recovery_codes_left(user),
        "requires_two_factor": twofactor.requires_two_factor(user),
        "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
    }
    return render(request, "accounts/account.html", context)


@require_POST
@login_required
def regenerate_recovery_codes(request: HttpRequest) -> HttpResponse:
    """A new batch of recovery codes, for when the old ones are used up or may have been seen."""
    if not twofactor.has_totp(request.user):
        return redirect("account")
    request.session[RECOVERY_CODES_SESSION_KEY] = twofactor.regenerate_recovery_codes(request.user)
    return HttpResponseRedirect(f"{reverse('recovery_codes')}?{urlencode({'next': reverse('account')})}")


@require_POST
@login_required
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the user, on every computer, this one included (after a lost laptop, say)."""
    request.user.end_all_sessions()
    logout(request)
    messages.success(request, _("You are signed out on every computer and browser."))
    return redirect(settings.LOGIN_URL)


def redirect_keeping_next(request: HttpRequest, url_name: str) -> HttpResponse:
    """Move on to another sign-in step, still heading for the page first asked for."""
    return HttpResponseRedirect(f"{reverse(url_name)}?{urlencode({'next': next_url(request)})}")


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """django-axes' lockout response: a page in the user's language saying for how long and what to do."""
    cool_off: timedelta = settings.AXES_COOLOFF_TIME
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": int(cool_off.total_seconds() // 60)}
    return render(request, "registration/locked_out.html", context, status=429)
