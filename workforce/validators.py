"""Validators shared by models, forms and serializers."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def available_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone we know. Use a name like America/Chicago."),
            code="invalid_timezone",
            params={"value": value},
        )


def zone_of(name: str) -> zoneinfo.ZoneInfo:
    """A stored zone name as a ZoneInfo; UTC for one that isn't valid (validated on save;
    a bulk import may not be)."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(available_timezones())]
