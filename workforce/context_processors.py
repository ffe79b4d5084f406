"""What every page's layout needs: the navigation for the signed-in person's roles."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workforce import access
from workforce.models import Role
from workforce.training import access as training_access


def _navigation(request: HttpRequest) -> list[dict[str, str]]:
    profile = access.profile_of(request.user)
    if profile is None:
        return []
    items = [
        (_("Home"), "dashboard"),
        (_("Self-care"), "checkin"),
        (_("Training"), "my_training"),
        (_("Certifications"), "my_certifications"),
        (_("Supervision"), "supervision"),
        (_("Groups"), "groups"),
        (_("My profile"), "my_profile"),
    ]
    if access.can_list_people(request.user):
        label = _("People") if profile.has_role(*access.PEOPLE_READERS) else _("My team")
        items.append((label, "people_list"))
    if training_access.can_view_training_matrix(request.user):
        items.append((_("Team training"), "training_matrix"))
    if access.can_view_wellness_aggregates(request.user):
        items.append((_("Team wellbeing"), "team_wellness"))
    if profile.has_role(Role.ORG_ADMIN):
        items.append((_("Organization"), "organization_settings"))
    items += [
        (_("Notifications"), "notifications"),
        (_("Privacy"), "privacy"),
        (_("Account & security"), "account_security"),
    ]
    current = request.path
    nav = []
    for label, name in items:
        url = reverse(name)
        active = current == url or (url != "/" and current.startswith(url) and name != "dashboard")
        nav.append({"label": label, "url": url, "active": active, "name": name})
    return nav


def shell(request: HttpRequest) -> dict[str, object]:
    profile = access.profile_of(request.user)
    unread = 0
    if profile is not None:
        from notifications.selectors import unread_count

        unread = unread_count(user=request.user)
    return {
        "unread_notifications": unread,
        "nav_items": _navigation(request),
        "me": profile,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        "login_cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
