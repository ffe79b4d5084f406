"""The words of certification-milestone reminders: to the holder, kind and plain (a date and
what is left, never a warning); to HR, the credential and the date, never whose it is."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notifications import registry
from notifications.kinds import pause_footer, pause_headers
from workforce.models import Certification, StaffProfile
from workforce.validators import zone_of


def milestone_message(
    *, certification: Certification, recipient: StaffProfile, days: int
) -> registry.Message:
    """The credential's name and its expiry date, and a link: nothing else, and to HR not
    even whose it is (that is on the roster, behind the sign-in)."""
    today = timezone.now().astimezone(zone_of(recipient.timezone)).date()
    with translation.override(recipient.language):
        names = {
            "type": certification.type.name,
            # Translators: a date format (Django's date letters); Spanish adds "de".
            "date": date_format(certification.expires_on, _("l j F Y")),
            "organization": recipient.organization.name,
        }
        when = "ahead" if days else "today" if certification.expires_on >= today else "past"
        if recipient.pk == certification.person_id:
            subject, title, text, link = _to_holder(when, names)
        else:
            subject, title, text, link = _to_hr(when, names)
        greeting = _("Hi %(name)s,") % {"name": recipient.chosen_name}
        body = f"{greeting}\n\n{text}\n\n{settings.BASE_URL}{link}\n" + pause_footer(
            recipient.user_id
        )
    return registry.Message(
        subject=subject, body=body, title=title, link=link, headers=pause_headers(recipient.user_id)
    )


def _to_holder(when: str, names: dict[str, str]) -> tuple[str, str, str, str]:
    """Kind and plain: a date and what is left, never a warning."""
    if when == "ahead":
        subject = _("Your %(type)s renews on %(date)s") % names
        title = _("Your %(type)s renews on %(date)s — here's what's left.") % names
        text = (
            _(
                "Your %(type)s renews on %(date)s. Here's what's left for the renewal, and "
                "everything you need, whenever you're ready:"
            )
            % names
        )
    elif when == "today":
        subject = _("Your %(type)s expires today") % names
        title = text = _("Your %(type)s expires today — if you've renewed, HR can record it.") % (
            names
        )
    else:  # sent a day late, after downtime: "today" would not be true
        subject = _("Your %(type)s expired on %(date)s") % names
        title = text = (
            _("Your %(type)s expired on %(date)s — if you've renewed, HR can record it.") % names
        )
    return subject, title, text, reverse("my_certifications")


def _to_hr(when: str, names: dict[str, str]) -> tuple[str, str, str, str]:
    if when == "ahead":
        subject = _("A %(type)s expires on %(date)s") % names
        title = _("A %(type)s in %(organization)s expires on %(date)s.") % names
    elif when == "today":
        subject = _("A %(type)s expires today") % names
        title = _("A %(type)s in %(organization)s expires today, %(date)s.") % names
    else:
        subject = _("A %(type)s expired on %(date)s") % names
        title = _("A %(type)s in %(organization)s expired on %(date)s.") % names
    text = title + " " + _("Who holds it, and what is left for the renewal, is on the roster:")
    return subject, title, text, reverse("certification_roster")
