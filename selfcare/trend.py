"""The owner's own check-in trend, drawn server-side as SVG (no script, no outside library)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from selfcare.models import CheckIn

ITEMS = [
    ("energy", _("Energy"), "#0b5d66"),
    ("calm", _("Settled"), "#5b2a86"),
    ("sleep", _("Sleep"), "#8a4b08"),
    ("connection", _("Connection"), "#1c3f73"),
    ("boundaries", _("Boundaries"), "#17572d"),
]
WIDTH, HEIGHT, PAD = 640, 220, 32


@dataclass(frozen=True)
class Series:
    key: str
    label: object
    color: str
    points: str  # SVG polyline points
    dots: list[tuple[float, float]]


def chart(checkins: Sequence[CheckIn]) -> list[Series]:
    """Oldest to newest, one polyline per question; skipped answers leave a gap in the dots."""
    ordered = sorted(checkins, key=lambda c: c.created_at)
    if not ordered:
        return []
    step = (WIDTH - 2 * PAD) / max(len(ordered) - 1, 1)

    def y(score: int) -> float:
        return round(HEIGHT - PAD - (score - 1) * (HEIGHT - 2 * PAD) / 4, 1)

    series = []
    for key, label, color in ITEMS:
        dots = [
            (round(PAD + i * step, 1), y(getattr(c, key)))
            for i, c in enumerate(ordered)
            if getattr(c, key) is not None
        ]
        series.append(Series(key, label, color, " ".join(f"{x},{yy}" for x, yy in dots), dots))
    return series


def depleted(checkin: CheckIn | None) -> bool:
    """Answers that point to running low: two or more items at 1–2, or a low average."""
    if checkin is None:
        return False
    scores = [getattr(checkin, key) for key, _, _ in ITEMS if getattr(checkin, key) is not None]
    if not scores:
        return False
    return sum(1 for s in scores if s <= 2) >= 2 or sum(scores) / len(scores) <= 2.2
