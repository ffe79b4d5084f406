"""Completion certificates (ReportLab) and the public check that one is genuine."""

from __future__ import annotations

import io

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from core.pdf import font_for
from workforce.models import Completion

INK = "#1f2a33"
ACCENT = "#0b5d66"
MUTED = "#4a5866"


def verification_url(completion: Completion) -> str:
    return settings.BASE_URL + reverse("training_verify", args=[completion.verification_code])


def certificate_pdf(completion: Completion) -> bytes:
    """One page, landscape: who, what, when, how many CE hours, which organization, and the
    code (with its address) anyone can use to check the certificate is genuine. In the
    language of whoever downloads it."""
    buffer = io.BytesIO()
    width, height = landscape(letter)
    pdf = Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(_("Certificate: %(title)s") % {"title": completion.shown_module_title})
    pdf.setAuthor(completion.organization.name)
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    pdf.setLineWidth(0.8)
    pdf.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)

    center = width / 2
    lines = [
        (height - 45 * mm, "Helvetica", 14, MUTED, completion.organization.name),
        (height - 62 * mm, "Helvetica-Bold", 30, ACCENT, _("Certificate of completion")),
        (height - 80 * mm, "Helvetica", 13, MUTED, _("This certifies that")),
        (height - 96 * mm, "Helvetica-Bold", 26, INK, completion.name_on_certificate),
        (height - 112 * mm, "Helvetica", 13, MUTED, _("completed the training")),
    ]
    lines.append((height - 126 * mm, "Helvetica-Bold", 17, INK, completion.shown_module_title))
    for y, font, size, color, text in lines:
        font, text = font_for(text, font)  # names and titles in any alphabet
        pdf.setFont(font, size)
        pdf.setFillColor(color)
        pdf.drawCentredString(center, y, _fit(pdf, text, font, size, width - 60 * mm))
    when = date_format(completion.completed_on, _("j F Y"))
    if completion.ce_hours > 0:
        hours = f"{completion.ce_hours.normalize():f}"
        detail = _("on %(date)s  ·  %(hours)s CE hours") % {"date": when, "hours": hours}
    else:
        detail = _("on %(date)s") % {"date": when}
    pdf.setFont("Helvetica", 13)
    pdf.setFillColor(MUTED)
    pdf.drawCentredString(center, height - 140 * mm, detail)

    pdf.setFont("Helvetica", 9.5)
    pdf.drawCentredString(
        center,
        26 * mm,
        _("Verification code %(code)s  ·  check it at %(address)s")
        % {"code": completion.verification_code, "address": verification_url(completion)},
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _fit(pdf: Canvas, text: str, font: str, size: float, room: float) -> str:
    """Shorten text that would run off the page (very long titles), with an ellipsis."""
    if pdf.stringWidth(text, font, size) <= room:
        return text
    while text and pdf.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"
