"""PDFs of a person's own plan: the full plan (crisis plan first) and a pocket card.

Rendered by these service functions only for the owner; they contain nothing of anyone else.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A6
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    Spacer,
)

from core import pdf as pdf_fonts
from selfcare import sections

CRISIS_FIRST = ("crisis_steps", "crisis_lines", "people")
CARD = tuple(section.key for section in sections.SECTIONS if section.card)


def _styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    """The sample styles, in the Unicode font when there is one: a plan is written in the
    owner's own words, in any alphabet (a few pages: its cost doesn't matter here)."""
    styles = _base_styles(scale)
    if pdf_fonts.unicode_available():
        for style in styles.values():
            bold = style.fontName.endswith("Bold")
            style.fontName = pdf_fonts.UNICODE_BOLD if bold else pdf_fonts.UNICODE
    return styles


def _base_styles(scale: float) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontSize=20 * scale, leading=24 * scale),
        "h": ParagraphStyle(
            "h",
            parent=base["Heading2"],
            fontSize=13 * scale,
            leading=16 * scale,
            spaceBefore=8 * scale,
            spaceAfter=3 * scale,
        ),
        "p": ParagraphStyle(
            "p", parent=base["BodyText"], fontSize=10.5 * scale, leading=14 * scale
        ),
        "muted": ParagraphStyle(
            "m",
            parent=base["BodyText"],
            fontSize=8.5 * scale,
            leading=11 * scale,
            textColor="#4a5866",
        ),
    }


def _text(value: str) -> str:
    if not pdf_fonts.unicode_available():
        value = value if pdf_fonts.drawable(value) else pdf_fonts.plain(value)
    return escape(value).replace("\n", "<br/>")


def _records(section: sections.Section, rows: list[dict[str, str]]) -> list[str]:
    lines = []
    for row in rows:
        if section.kind == "people":
            extra = ", ".join(
                v for v in (row.get("relationship"), row.get("contact"), row.get("when")) if v
            )
            lines.append(
                f"<b>{_text(row.get('name', ''))}</b>" + (f" — {_text(extra)}" if extra else "")
            )
        else:
            hours = f" ({_text(row['hours'])})" if row.get("hours") else ""
            lines.append(
                f"<b>{_text(row.get('name', ''))}</b>: {_text(row.get('number', ''))}{hours}"
            )
    return lines


def _section(section: sections.Section, value: Any, styles: dict[str, ParagraphStyle]) -> list:
    flow = [Paragraph(_text(str(section.title)), styles["h"])]
    if section.kind == "text":
        flow.append(Paragraph(_text(value) if value else "—", styles["p"]))
    elif value:
        items = [
            ListItem(Paragraph(line, styles["p"]), leftIndent=10)
            for line in _records(section, value)
        ]
        flow.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=10))
    else:
        flow.append(Paragraph("—", styles["p"]))
    return flow


def plan_pdf(*, name: str, content: dict[str, Any], saved: str) -> bytes:
    """The whole plan; the crisis plan (steps, lines, people to reach) fills the first page."""
    buffer = io.BytesIO()
    styles = _styles()
    doc = pdf_fonts.document(
        buffer, title=_("My self-care plan"), author=name, margin=20 * mm, bottom=18 * mm
    )
    flow: list = [
        Paragraph(_text(_("My self-care plan — %(name)s") % {"name": name}), styles["title"]),
        Paragraph(_text(_("Saved %(date)s. Private to me.") % {"date": saved}), styles["muted"]),
        Spacer(1, 4 * mm),
    ]
    for key in CRISIS_FIRST:
        flow += _section(sections.SECTIONS_BY_KEY[key], content.get(key), styles)
    flow.append(PageBreak())
    for section in sections.SECTIONS:
        if section.key not in CRISIS_FIRST:
            flow += _section(section, content.get(section.key), styles)
    doc.build(flow)
    return buffer.getvalue()


def card_pdf(*, name: str, content: dict[str, Any]) -> bytes:
    """A pocket-sized (A6) emergency card: warning signs, what helps, who to call."""
    buffer = io.BytesIO()
    styles = _styles(scale=0.8)
    doc = pdf_fonts.document(
        buffer, title=_("My emergency self-care card"), author=name, pagesize=A6, margin=7 * mm
    )
    flow: list = [Paragraph(_text(_("When things get hard")), styles["title"])]
    for key in CARD:
        flow += _section(sections.SECTIONS_BY_KEY[key], content.get(key), styles)
    doc.build(flow)
    return buffer.getvalue()
