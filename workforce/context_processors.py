"""What every page's layout needs: the navigation for the signed-in person's roles."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workforce import access
from workforce.models import Role
from workforce.training import access as training_access


def _navigation(request: HttpRequest) -> list[dict[str, object]]:
    """The main navigation: each person's own pages on the bar; the pages about other people
    (for the roles that have them) under "Team", and their account under "Account", so the bar
    stays one row on a laptop and a short list on a phone."""
    profile = access.profile_of(request.user)
    if profile is None:
        return []
    own = [
        (_("Home"), "dashboard"),
        (_("Self-care"), "checkin"),
        (_("Training"), "my_training"),
        (_("Certifications"), "my_certifications"),
        (_("Supervision"), "supervision"),
        (_("Groups"), "groups"),
        (_("Wellness events"), "events"),
        (_("Notifications"), "notifications"),
    ]
    team = []
    if access.can_list_people(request.user):
        label = _("People") if profile.has_role(*access.PEOPLE_READERS) else _("My team")
        team.append((label, "people_list"))
    if training_access.can_view_training_matrix(request.user):
        team.append((_("Team training"), "training_matrix"))
    if access.can_view_wellness_aggregates(request.user):
        team.append((_("Team wellbeing"), "team_wellness"))
    if profile.has_role(Role.ORG_ADMIN):
        team.append((_("Organization"), "organization_settings"))
    account = [
        (_("My profile"), "my_profile"),
        (_("Privacy"), "privacy"),
        (_("Account & security"), "account_security"),
    ]
    nav = [_item(request, label, name) for label, name in own]
    if team:
        nav.append(_group(request, _("Team"), "team", team))
    nav.append(_group(request, _("Account"), "account", account))
    return nav


def _item(request: HttpRequest, label: object, name: str) -> dict[str, object]:
    url = reverse(name)
    current = request.path
    active = current == url or (url != "/" and current.startswith(url) and name != "dashboard")
    return {"label": label, "url": url, "active": active, "name": name}


def _group(
    request: HttpRequest, label: object, name: str, items: list[tuple[object, str]]
) -> dict[str, object]:
    links = [_item(request, text, page) for text, page in items]
    active = any(link["active"] for link in links)
    return {"label": label, "name": name, "items": links, "active": active, "group": True}


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
