"""Sign-in (with the optional second step), and the account & security page."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from rest_framework.authtoken.models import Token

from workforce import twofactor
from workforce.forms import EmailAuthenticationForm, TwoFactorCodeForm
from workforce.models import User

PENDING_KEY = "pw_pending_2fa"
PENDING_SECONDS = 300
PENDING_MAX_TRIES = 5
BACKEND = "workforce.auth.EmailBackend"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    """Step one: email and password. People with an authenticator app go on to step two."""
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = EmailAuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if twofactor.has_two_factor(user):
            request.session.cycle_key()
            request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "tries": 0}
            verify_url = reverse("login_verify")
            return redirect(f"{verify_url}?{urlencode({'next': _next_url(request)})}")
        auth_login(request, user, backend=BACKEND)
        return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@csrf_protect
@never_cache
def login_verify_view(request: HttpRequest) -> HttpResponse:
    """Step two: a code from the authenticator app, or a backup code."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("For your security, please sign in again."))
        return redirect("login")
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return redirect("login")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is not None:
            request.session.pop(PENDING_KEY, None)
            auth_login(request, user, backend=BACKEND)
            otp_login(request, device)
            return redirect(_next_url(request))
        pending["tries"] += 1
        if pending["tries"] >= PENDING_MAX_TRIES:
            request.session.pop(PENDING_KEY, None)
            messages.info(request, _("Too many codes that didn't work. Please sign in again."))
            return redirect("login")
        request.session[PENDING_KEY] = pending
        form.add_error(
            "code",
            _("That code didn't work. App codes change every 30 seconds: try the newest one."),
        )
    return render(request, "accounts/login_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@never_cache
def security_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "has_two_factor": twofactor.has_two_factor(user),
        "two_factor_required": twofactor.required_for(user),
        "backup_codes_left": twofactor.backup_codes_left(user),
        "token": Token.objects.filter(user=user).first(),
        "new_token": request.session.pop("pw_new_token", None),
        "backup_codes": request.session.pop("pw_backup_codes", None),
    }
    return render(request, "accounts/security.html", context)


@login_required
@never_cache
def two_factor_setup_view(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan, then confirm with a first code."""
    user = request.user
    device = twofactor.totp_pending(user)
    if request.method == "GET" or device is None:
        device = twofactor.totp_start(user=user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.totp_confirm(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            request.session["pw_backup_codes"] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("account_security")
        form.add_error(
            "code",
            _("That code didn't match. Check the app shows PeerWell and try the newest code."),
        )
    context = {
        "form": form,
        "qr_svg": twofactor.qr_svg(device),
        "secret": twofactor.secret_for_manual_entry(device),
        "required": twofactor.required_for(user),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@require_POST
def two_factor_disable_view(request: HttpRequest) -> HttpResponse:
    if twofactor.required_for(request.user):
        messages.error(
            request, _("Your organization asks people in your role to keep two-factor sign-in on.")
        )
    else:
        twofactor.two_factor_disable(user=request.user)
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("account_security")


@login_required
@require_POST
def backup_codes_view(request: HttpRequest) -> HttpResponse:
    if twofactor.has_two_factor(request.user):
        request.session["pw_backup_codes"] = twofactor.backup_codes_regenerate(user=request.user)
        messages.success(request, _("New backup codes are ready. The old ones no longer work."))
    return redirect("account_security")


@login_required
@require_POST
def api_token_view(request: HttpRequest) -> HttpResponse:
    """Create (or replace) and revoke the personal API token."""
    if twofactor.setup_required(request.user):
        # A token must not become a way round the organization's two-factor requirement.
        messages.error(request, _("Set up two-factor sign-in first."))
        return redirect("two_factor_setup")
    Token.objects.filter(user=request.user).delete()
    if request.POST.get("action") == "create":
        token = Token.objects.create(user=request.user)
        request.session["pw_new_token"] = token.key
        messages.success(request, _("Your API token is ready. Copy it now: it is shown only once."))
    else:
        messages.success(request, _("Your API token is revoked."))
    return redirect("account_security")
