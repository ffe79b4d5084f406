"""Fonts for PeerWell's PDFs.

ReportLab's built-in Helvetica draws Windows-1252 text only: "Nguyễn" would print as
"Nguy■n", a name in Cyrillic as boxes. When a Unicode TrueType font is found (DejaVu Sans,
Debian's fonts-dejavu-core, in PDF_FONT_DIRS), it is registered and used for the text that
Helvetica can't draw, and only that text: drawing with an embedded TrueType font costs about
2.5 times as much (docs/performance.md), and almost every name in a roster is Latin. Without
one, letters lose their accents ("Nguyen") rather than print as boxes.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

UNICODE, UNICODE_BOLD = "PeerWellSans", "PeerWellSans-Bold"
FILES = {UNICODE: "DejaVuSans.ttf", UNICODE_BOLD: "DejaVuSans-Bold.ttf"}
BOLD_FONTS = ("Helvetica-Bold", UNICODE_BOLD)


@cache
def unicode_available() -> bool:
    """Register the Unicode font (regular and bold) the first time a PDF needs it."""
    for folder in getattr(settings, "PDF_FONT_DIRS", ()):
        paths = {name: Path(folder) / file for name, file in FILES.items()}
        if all(path.is_file() for path in paths.values()):
            for name, path in paths.items():
                pdfmetrics.registerFont(TTFont(name, str(path)))
            addMapping(UNICODE, 0, 0, UNICODE)
            addMapping(UNICODE, 1, 0, UNICODE_BOLD)
            addMapping(UNICODE, 0, 1, UNICODE)
            addMapping(UNICODE, 1, 1, UNICODE_BOLD)
            return True
    return False


def drawable(text: str) -> bool:
    """Whether Helvetica (Windows-1252) can draw every character of `text`."""
    if text.isascii():
        return True
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def font_for(text: str, font: str) -> tuple[str, str]:
    """The font to draw `text` in (Helvetica or its bold if it can, else the Unicode font
    of the same weight) and the text to draw (accents dropped if there is no such font)."""
    if drawable(text):
        return font, text
    if unicode_available():
        return (UNICODE_BOLD if font in BOLD_FONTS else UNICODE), text
    return font, plain(text)


def plain(text: str) -> str:
    """Text Helvetica can draw: accents dropped ("ễ" → "e"), anything else as "?"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.encode("cp1252", "replace").decode("cp1252")


# --- pages and paragraphs every PeerWell PDF shares -------------------------------------------


def document(
    buffer: BinaryIO,
    *,
    title: str,
    author: str,
    pagesize: tuple[float, float] = letter,
    margin: float = 15 * mm,
    bottom: float | None = None,
) -> SimpleDocTemplate:
    """A document with PeerWell's metadata and even margins (a little more at the foot where a
    page number goes)."""
    return SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        title=title,
        author=author,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin if bottom is None else bottom,
    )


def paragraph(text: str, size: float, font: str = "Helvetica", color: object = "#1f2a33"):
    """One line or paragraph of someone's text, in a font that can draw it, escaped."""
    font, text = font_for(text, font)
    style = ParagraphStyle("p", fontName=font, fontSize=size, leading=size * 1.35, textColor=color)
    return Paragraph(escape(text), style)
