"""The finder's groups as a Meeting Guide feed (/find/<organization>/feed.json): the open JSON
format that meeting-finder apps read, one object per weekly meeting.

The format counts an in-person meeting as real only with its street address, and an online one
only with a link or phone number. So the feed holds only the groups that made those public on
their page; every other group stays in PeerWell's own finder, where people are asked to get in
touch for the address or the link."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify

from groups.finder import finder_groups
from groups.models import GroupStatus, SupportGroup
from workforce.models import Organization

URL = re.compile(r"https?://\S+")


def conference_url(group: SupportGroup) -> str:
    """The meeting link in a group's joining details, if it made them public."""
    if not (group.meets_online and group.show_online_details):
        return ""
    found = URL.search(group.online_details or "")
    return found.group(0).rstrip(".,;)") if found else ""


def public_address(group: SupportGroup) -> str:
    if not (group.meets_in_person and group.show_address and group.venue_id):
        return ""
    return " ".join((group.venue.address or "").split())


def in_feed(group: SupportGroup) -> bool:
    """Weekly groups (the format's meetings are weekly) with a public address or link."""
    return group.every_weeks == 1 and bool(public_address(group) or conference_url(group))


# Our languages that have a reserved Meeting Guide code (the others go without one).
LANGUAGE_TYPES = {
    "en": "EN",
    "es": "S",
    "fr": "FR",
    "pt": "POR",
    "ko": "KOR",
    "ru": "RUS",
    "tl": "TL",
    "asl": "ASL",
}


def _types(group: SupportGroup, address: str) -> list[str]:
    types = ["O"]  # open: anyone may come
    if group.model.approach == "secular":
        types.append("A")
    if group.model.key == "women-for-sobriety":
        types.append("W")  # the one preset for one gender; a group's own model says nothing
    if address and group.venue.step_free:
        types.append("X")
    if address and group.venue.childcare:
        types.append("BA")
    types += [LANGUAGE_TYPES[code] for code in group.languages if code in LANGUAGE_TYPES]
    if group.status == GroupStatus.PAUSED:
        types.append("TC")
    return types


def _notes(group: SupportGroup) -> str:
    parts = [group.who_for, group.model.summary]
    return "\n".join(p.strip() for p in parts if p and p.strip())


def meeting(group: SupportGroup, page: str | None = None) -> dict:
    """One group as a Meeting Guide meeting (`page`: its public page's address, if known)."""
    address, link = public_address(group), conference_url(group)
    # Wall-clock arithmetic on any day (the end may pass midnight; the format wants HH:MM).
    start = datetime.combine(date(2000, 1, 3), group.start_time)
    end = start + timedelta(minutes=group.duration_minutes)
    page = page or settings.BASE_URL + reverse(
        "finder_group", args=[group.organization.slug, group.public_code]
    )
    row = {
        "name": group.name,
        "slug": f"{slugify(group.name)[:55]}-{group.public_code}".strip("-")[:64],
        "day": (group.weekday + 1) % 7,  # Meeting Guide counts from Sunday
        "time": start.strftime("%H:%M"),
        "end_time": end.strftime("%H:%M"),
        "timezone": group.timezone,
        "types": _types(group, address),
        "notes": _notes(group),
        "url": page,
        "updated": group.updated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
    }
    if address:
        row.update(
            location=group.venue.name,
            formatted_address=address,
            region=group.venue.area,
            approximate="no",
        )
    if link:
        row["conference_url"] = link
        if not address:
            row["region"] = "Online"
    return row


def feed(organization: Organization) -> list[dict]:
    """The finder's groups whose address or link is public, as Meeting Guide meetings."""
    groups = finder_groups(organization).order_by("name", "pk")
    # One reverse() for them all: the pages differ by the group's code only.
    pattern = settings.BASE_URL + reverse("finder_group", args=[organization.slug, "CODE"])
    return [
        meeting(group, pattern.replace("/CODE/", f"/{group.public_code}/"))
        for group in groups
        if in_feed(group)
    ]
