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


# --- text inside JSON values -------------------------------------------------------------------

NUL_MESSAGE = _("Null characters are not allowed.")
SURROGATE_MESSAGE = _("Surrogate characters are not allowed.")
NOT_FINITE_MESSAGE = _("Numbers must be finite.")
TOO_LARGE_MESSAGE = _("This number is too large.")
LARGEST = 2**63  # a 64-bit database integer holds less; Python's int doesn't stop there


def json_text_problem(value: object, path: str = "") -> tuple[str, str] | None:
    """The first (path, message) where a JSON value holds text no database should store (a NUL,
    a lone surrogate; PostgreSQL refuses the first and UTF-8 can't carry the second) or a number
    that isn't finite, however deeply it sits; None when all is well. Iterative: a value nested
    as deep as the parser allows can't exhaust the stack here."""
    stack: list[tuple[str, object]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return where, str(NUL_MESSAGE)
            if any("\ud800" <= char <= "\udfff" for char in item):
                return where, str(SURROGATE_MESSAGE)
        elif isinstance(item, float) and (item != item or item in (float("inf"), float("-inf"))):
            return where, str(NOT_FINITE_MESSAGE)
        elif isinstance(item, int) and not -LARGEST <= item < LARGEST:
            return where, str(TOO_LARGE_MESSAGE)
        elif isinstance(item, dict):
            for key, child in item.items():
                child_path = f"{where}.{key}" if where else str(key)
                stack.append((child_path, key))
                stack.append((child_path, child))
        elif isinstance(item, list):
            stack.extend((f"{where}[{index}]", child) for index, child in enumerate(item))
    return None
