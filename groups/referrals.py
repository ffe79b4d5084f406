"""Purposeful referrals: a staff member narrows the organization's groups by what the person in
front of them said matters, sees why each fits, and hands them a card naming one to three.

PeerWell stores nothing about the person referred: the preferences live in the request only,
and the card is printed, copied or emailed from the staff member's own mail program. What is
kept is a count per group and month, for the organization's reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import dates
from groups.finder import LISTED, TIMES_OF_DAY, filtered
from groups.models import Finder, ReferralCount, SupportGroup
from groups.services import refuse
from workforce import access

MAX_ON_CARD = 3


def referable(user: object):
    """The groups staff refer people to: the organization's listed groups that still meet."""
    profile = access.require_profile(user)
    return SupportGroup.objects.filter(
        organization_id=profile.organization_id, published=True, status__in=LISTED
    ).select_related("model", "venue")


@dataclass
class Fit:
    group: SupportGroup
    reasons: list[str] = field(default_factory=list)


def why_it_fits(group: SupportGroup, wanted: dict) -> list[str]:
    """The person's wishes this group meets, in plain words (those they asked about only)."""
    reasons = []
    model = group.model
    if wanted.get("approach"):
        reasons.append(str(model.get_approach_display()))
    if wanted.get("structured") == "yes":
        reasons.append(_("structured meetings"))
    elif wanted.get("structured") == "no":
        reasons.append(_("open sharing"))
    if wanted.get("gender_specific") == "yes":
        reasons.append(_("for one gender"))
    if wanted.get("focus"):
        reasons.append(str(model.get_focus_display()))
    if wanted.get("format"):
        reasons.append(str(group.get_format_display()))
    if wanted.get("area") and group.venue_id:
        reasons.append(_("in %(area)s") % {"area": group.venue.area})
    if wanted.get("weekday") not in (None, ""):
        reasons.append(str(group.get_weekday_display()))
    if wanted.get("time_of_day") in TIMES_OF_DAY:
        reasons.append(dict(TIME_WORDS)[wanted["time_of_day"]])
    if wanted.get("language"):
        reasons.append(_("in %(language)s") % {"language": ", ".join(group.language_names)})
    for need in sorted(wanted.get("access_needs") or ()):  # the same order, however asked
        reasons.append(str(group.venue._meta.get_field(need).verbose_name))
    return reasons


TIME_WORDS = (
    ("morning", _("in the morning")),
    ("afternoon", _("in the afternoon")),
    ("evening", _("in the evening")),
)


def fits(user: object, wanted: dict) -> list[Fit]:
    groups = filtered(referable(user), wanted)
    return [Fit(group, [str(r) for r in why_it_fits(group, wanted)]) for group in groups]


@transaction.atomic
def referral_make(*, actor: object, group_ids: list[int]) -> list[SupportGroup]:
    """The groups for a card (one to three of the organization's referable groups), counted
    once each for this month; nothing else is kept."""
    ids = list(dict.fromkeys(group_ids or []))
    if not 1 <= len(ids) <= MAX_ON_CARD:
        refuse("groups", _("Choose one to three groups for the card."), "count")
    groups = list(referable(actor).filter(pk__in=ids))
    if len(groups) != len(ids):
        refuse("groups", _("Choose groups from the list."), "not_found")
    month = dates.organization_today(access.require_profile(actor).organization).replace(day=1)
    for group in groups:
        counted, _created = ReferralCount.objects.get_or_create(
            organization_id=group.organization_id, group=group, month=month
        )
        ReferralCount.objects.filter(pk=counted.pk).update(count=F("count") + 1)
    return sorted(groups, key=lambda g: ids.index(g.pk))


def card_lines(groups: list[SupportGroup]) -> list[tuple[str, list[str]]]:
    """Each group on the card: its name, and lines a person can act on. An address or a
    meeting link only where the group made it public; otherwise, how to ask."""
    organization = groups[0].organization if groups else None
    finder = Finder.objects.filter(organization=organization, published=True).first()
    ask = finder.ask_contact if finder and finder.ask_contact else ""
    cards = []
    for group in groups:
        lines = [group.who_for, _when(group)]
        if group.meets_in_person and group.venue_id:
            if group.show_address and group.venue.address:
                lines.append(f"{group.venue.name}, {' '.join(group.venue.address.split())}")
            else:
                lines.append(_("%(area)s (ask us for the address)") % {"area": group.venue.area})
        if group.meets_online:
            if group.show_online_details and group.online_details:
                lines.append(" ".join(group.online_details.split()))
            else:
                lines.append(_("Online (ask us for the link)"))
        lines.append(
            _(
                "Listening without speaking is always welcome. A return to use never means "
                "being asked to leave."
            )
        )
        if finder and group.in_finder:
            lines.append(
                settings.BASE_URL
                + reverse("finder_group", args=[organization.slug, group.public_code])
            )
        cards.append((group.name, lines))
    if ask:
        cards.append((_("To ask us"), [ask]))
    return cards


def _when(group: SupportGroup) -> str:
    # The same message as the group's own pages (templates/groups/_when.html).
    every = ngettext("every week", "every %(counter)s weeks", group.every_weeks) % {
        "counter": group.every_weeks
    }
    return _("%(day)s at %(time)s, %(every)s") % {
        "day": group.get_weekday_display(),
        "time": group.start_time.strftime("%H:%M"),
        "every": every,
    }


def card_text(groups: list[SupportGroup]) -> str:
    """The card as plain text, to copy or to email from one's own mail program."""
    blocks = [
        "\n".join([name, *(f"  {line}" for line in lines if line)])
        for name, lines in card_lines(groups)
    ]
    return _("Peer support groups you might like") + "\n\n" + "\n\n".join(blocks) + "\n"
