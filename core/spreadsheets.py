"""CSV cells that spreadsheet apps open safely."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Spreadsheet apps run a cell that starts with = + - @ as a formula: text that does is
    given a leading apostrophe, which they show as plain text."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value
