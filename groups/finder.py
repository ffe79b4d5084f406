"""The public side of groups: an organization's group finder and each group's public page.

Read without an account, so it shows only what the organization and each group chose to
publish: a group on the finder shows what it is, who it is for, what to expect, when, and the
area it meets in; its address and its meeting link only if the group made them public (else
"ask us", with the organization's contact); its agreement only if the group chose to show it.
Nothing here asks anyone anything about themselves, and nothing is stored about who looks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404

from groups.agreements import current_agreement
from groups.models import (
    AgreementVersion,
    Finder,
    GroupModel,
    GroupStatus,
    SupportGroup,
    Venue,
)
from workforce.models import Organization

LISTED = (GroupStatus.FORMING, GroupStatus.MEETING, GroupStatus.PAUSED)
ACCESS_NEEDS = ("step_free", "transit", "parking", "childcare", "quiet_room")
# Starts before noon: morning; before five: afternoon; after: evening (the group's own clock).
TIMES_OF_DAY = {
    "morning": (time(0, 0), time(12, 0)),
    "afternoon": (time(12, 0), time(17, 0)),
    "evening": (time(17, 0), time(23, 59, 59)),
}


def published_finder(slug: str) -> tuple[Organization, Finder]:
    """The organization and its finder, if it is published; otherwise there is no such page."""
    finder = (
        Finder.objects.select_related("organization")
        .filter(organization__slug=slug, published=True)
        .first()
    )
    if finder is None:
        raise Http404
    return finder.organization, finder


def finder_groups(organization: Organization) -> QuerySet[SupportGroup]:
    """The groups on the finder: those that chose to be, and still meet (or are pausing)."""
    return SupportGroup.objects.filter(
        organization=organization, in_finder=True, status__in=LISTED
    ).select_related("model", "venue")


def finder_choices(organization: Organization) -> tuple[list[GroupModel], list[str]]:
    """The models and the areas the finder's groups have: what the filters offer."""
    groups = finder_groups(organization)
    models = list(
        GroupModel.objects.filter(pk__in=groups.values("model_id")).exclude(key="").order_by("name")
    )
    areas = sorted(
        set(Venue.objects.filter(pk__in=groups.values("venue_id")).values_list("area", flat=True))
    )
    return models, areas


def filtered(groups: QuerySet[SupportGroup], data: dict) -> QuerySet[SupportGroup]:
    """The finder's filters (a FinderFilterForm's cleaned data)."""
    if data.get("model"):
        groups = groups.filter(model__key=data["model"])
    for name in ("approach", "focus"):
        if data.get(name):
            groups = groups.filter(**{f"model__{name}": data[name]})
    for name in ("structured", "gender_specific"):
        if data.get(name) in ("yes", "no"):
            groups = groups.filter(**{f"model__{name}": data[name] == "yes"})
    if data.get("format"):
        groups = groups.filter(format=data["format"])
    if data.get("area"):
        groups = groups.filter(venue__area=data["area"])
    if data.get("weekday") not in (None, ""):
        groups = groups.filter(weekday=int(data["weekday"]))
    if data.get("time_of_day") in TIMES_OF_DAY:
        start, end = TIMES_OF_DAY[data["time_of_day"]]
        groups = groups.filter(start_time__gte=start, start_time__lt=end)
    if data.get("language"):
        groups = groups.annotate(languages_text=Cast("languages", TextField())).filter(
            languages_text__contains=f'"{data["language"]}"'
        )
    needs = [need for need in data.get("access_needs") or () if need in ACCESS_NEEDS]
    if needs:
        groups = groups.filter(Q(**{f"venue__{need}": True for need in needs}))
    return groups.order_by("weekday", "start_time", "name", "pk")


@dataclass
class PublicGroup:
    group: SupportGroup
    agreement: AgreementVersion | None


def public_group(organization: Organization, code: str) -> PublicGroup:
    """One group's public page, by its public code; a group not on the finder is not there."""
    group = finder_groups(organization).filter(public_code=code[:12]).first()
    if group is None:
        raise Http404
    return PublicGroup(group, current_agreement(group) if group.show_agreement else None)
