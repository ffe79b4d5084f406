"""Dates and times in the reader's language: the `when` and `at` template filters
(core/dateformats.py), and the rule that templates use no format it doesn't list."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from pathlib import Path

from django.template import Context, Template
from django.utils import timezone, translation

from core.dateformats import FORMATS

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
MOMENT = datetime(2027, 1, 4, 15, 0, tzinfo=UTC)  # Monday 4 January 2027, 15:00 UTC


def _render(source: str, language: str, zone: str = "UTC") -> str:
    with translation.override(language), timezone.override(zone):
        return Template(source).render(Context({"moment": MOMENT, "six_thirty": time(18, 30)}))


def test_each_language_writes_dates_and_times_its_own_way() -> None:
    source = (
        '{{ moment|when:"l j F, g:i A" }} | {{ moment|when:"j F Y" }} | '
        '{{ moment|when:"F Y" }} | {{ six_thirty|at:"g:i A" }}'
    )
    assert (
        _render(source, "en")
        == "Monday 4 January, 3:00 PM | 4 January 2027 | January 2027 | 6:30 PM"
    )
    assert (
        _render(source, "es")
        == "lunes 4 de enero, 15:00 | 4 de enero de 2027 | enero de 2027 | 18:30"
    )


def test_a_moment_is_shown_on_the_readers_clock() -> None:
    assert _render('{{ moment|when:"l j F, g:i A" }}', "en", "America/Chicago") == (
        "Monday 4 January, 9:00 AM"
    )


def test_templates_use_only_the_listed_formats() -> None:
    used, plain = set(), []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\|(?:when|at):"([^"]*)"', text))
        plain += [
            f"{path.relative_to(TEMPLATES)}: {fmt}"
            for fmt in re.findall(r'\|(?:date|time):"([^"]*)"', text)
            if fmt != "Ymd"  # a machine format, for comparing days
        ]
    assert not plain, f"use |when or |at, so the format follows the reader: {plain}"
    assert used == set(FORMATS), f"not listed: {used - FORMATS}; unused: {FORMATS - used}"
