"""Group agreements: the items a group's members wrote together and read before each meeting.

Every change is a new version with the day the group agreed it; earlier versions are kept, and
no version holds anyone's name. A new group starts from PeerWell's starter agreement, in the
group's language, which the members then make their own."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from core import dates
from groups import access as groups_access
from groups.models import AgreementVersion, SupportGroup
from groups.presets import STARTER_AGREEMENT
from groups.services import refuse
from workforce import access

MAX_ITEMS = 30
ITEM_MAX = 600


def group_language(group: SupportGroup) -> str:
    """The first of the group's languages PeerWell speaks (English otherwise): what its
    starter agreement and printed agreement are written in."""
    spoken = {code for code, _name in settings.LANGUAGES}
    return next((code for code in group.languages if code in spoken), "en")


def agreement_start(*, group: SupportGroup, on: date) -> AgreementVersion:
    """Version 1: the starter agreement, for the members to make their own."""
    with translation.override(group_language(group)):
        items = [str(item) for item in STARTER_AGREEMENT]
    return AgreementVersion.objects.create(
        organization_id=group.organization_id, group=group, number=1, agreed_on=on, items=items
    )


def current_agreement(group: SupportGroup) -> AgreementVersion | None:
    return AgreementVersion.objects.filter(group=group).order_by("-number").first()


def clean_items(items: list[str]) -> list[str]:
    """The items as written, blank ones dropped; too many or too long ones refused."""
    cleaned = [" ".join(str(item).split()) for item in items or [] if str(item).strip()]
    if not cleaned:
        refuse("items", _("An agreement needs at least one item."), "required")
    if len(cleaned) > MAX_ITEMS:
        refuse("items", _("Keep the agreement to %(n)s items or fewer.") % {"n": MAX_ITEMS}, "max")
    if any(len(item) > ITEM_MAX for item in cleaned):
        message = _("Keep each item under %(n)s characters.") % {"n": ITEM_MAX}
        refuse("items", message, "max_length")
    return cleaned


@transaction.atomic
def agreement_save(
    *, actor: object, group: SupportGroup, items: list[str], agreed_on: date
) -> AgreementVersion:
    """A new version of the group's agreement, as the members agreed it on `agreed_on`."""
    profile = access.require_profile(actor)
    group = SupportGroup.objects.select_for_update().get(pk=group.pk)
    if not groups_access.can_change_group(actor, group):
        refuse(None, _("You can change the agreements of groups you facilitate."), "not_allowed")
    cleaned = clean_items(items)
    today = dates.latest_today(group.organization, profile)
    if agreed_on is None or agreed_on > today:
        refuse("agreed_on", _("Give the day the group agreed it (not in the future)."), "invalid")
    current = current_agreement(group)
    if current is not None and agreed_on < current.agreed_on:
        message = _("The current version was agreed on %(day)s: give that day or a later one.")
        refuse("agreed_on", message % {"day": current.agreed_on.isoformat()}, "before_current")
    if current is not None and current.items == cleaned:
        refuse("items", _("This is the same as the current agreement."), "unchanged")
    number = (AgreementVersion.objects.filter(group=group).aggregate(n=Max("number"))["n"] or 0) + 1
    return AgreementVersion.objects.create(
        organization_id=group.organization_id,
        group=group,
        number=number,
        agreed_on=agreed_on,
        items=cleaned,
    )
