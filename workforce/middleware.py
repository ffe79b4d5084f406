"""Request/response rules that hold for every page."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workforce import access, twofactor
from workforce.models import StaffProfile

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """No page is kept in any cache (they hold personal content); a strict CSP; no sniffing.

    Static files are answered by WhiteNoise above this middleware and keep their own caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store, private"
        response["Pragma"] = "no-cache"
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class SessionKeepAliveMiddleware:
    """Activity keeps a session alive (SESSION_IDLE_MINUTES), but the session is written at
    most once a minute: saving it on every request cost each page a database write (three
    round trips and a commit) for an expiry that moved by seconds. A session therefore ends
    between SESSION_IDLE_MINUTES − 1 and SESSION_IDLE_MINUTES after the last request."""

    KEY = "_active_at"
    EVERY_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        # Signed in through the browser (an API token has no session to keep alive). The
        # session key first: without one, nobody is loaded just to be asked.
        user = getattr(request, "user", None)  # None: answered before authentication ran
        if session.session_key and user is not None and user.is_authenticated:
            now = int(timezone.now().timestamp())
            last = session.get(self.KEY)
            if session.modified or last is None or now - last >= self.EVERY_SECONDS:
                session[self.KEY] = now  # SessionMiddleware saves it, with a new expiry
        return response


class ProfileLanguageMiddleware:
    """Pages speak the signed-in person's preferred language and live in their time zone:
    "today" (due dates, "can't be in the future", a certificate's date) is their today, and
    times show on their clock."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        activate_person(request, access.profile_of(request.user))
        return self.get_response(request)


def activate_person(request: HttpRequest, profile: StaffProfile | None) -> None:
    """The person's language and time zone for the rest of the request. Called here for
    browsers and by the API's token authentication (which happens inside the view), so a time
    reads the same on both doors. Dates for rules come from core.dates, not from this zone."""
    if profile is None:
        timezone.deactivate()
        return
    translation.activate(profile.language)
    request.LANGUAGE_CODE = profile.language
    try:
        timezone.activate(ZoneInfo(profile.timezone))
    except (ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()


class TwoFactorRequiredMiddleware:
    """Where the organization requires it, HR and org admins set up an authenticator app
    before they can open anything else."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if twofactor.setup_required(request.user) and not request.path.startswith(
            self.ALLOWED_PREFIXES
        ):
            if request.path.startswith("/api/"):  # the API's error shape (api/exceptions.py)
                return JsonResponse(
                    {
                        "type": "client_error",
                        "errors": [
                            {
                                "code": "two_factor_required",
                                "detail": _("Set up two-factor sign-in first."),
                                "attr": None,
                            }
                        ],
                    },
                    status=403,
                )
            return redirect(reverse("two_factor_setup"))
        return self.get_response(request)
