"""Printed handouts: a group's agreement (large type, in the group's language, to read together
and take home) and a liaison's card (their name, how to reach them, how to raise a concern).
Neither names any member: PeerWell has none to name."""

from __future__ import annotations

import io

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Spacer

from core import pdf
from groups.agreements import group_language
from groups.models import AgreementVersion, Liaison, SupportGroup

INK, MUTED = "#1f2a33", "#4a5866"


def agreement_pdf(*, group: SupportGroup, version: AgreementVersion) -> bytes:
    """The agreement as the members agreed it, numbered, in the group's language."""
    buffer = io.BytesIO()
    with translation.override(group_language(group)):
        title = _("Our group agreement")
        doc = pdf.document(
            buffer, title=f"{title}: {group.name}", author="PeerWell", margin=22 * mm
        )
        items = ListFlowable(
            [ListItem(pdf.paragraph(item, 15), leftIndent=22) for item in version.items],
            bulletType="1",
            bulletFontSize=15,
            leftIndent=22,
            spaceBefore=6,
        )
        agreed = _("Version %(n)s, agreed on %(day)s.") % {
            "n": version.number,
            "day": version.agreed_on.strftime("%Y-%m-%d"),
        }
        story = [
            pdf.paragraph(group.name, 13, color=MUTED),
            Spacer(1, 4),
            pdf.paragraph(title, 24, "Helvetica-Bold"),
            Spacer(1, 14),
            items,
            Spacer(1, 18),
            pdf.paragraph(agreed, 10, color=MUTED),
            pdf.paragraph(
                _(
                    "We read this together before each meeting. Listening without speaking is "
                    "always welcome."
                ),
                10,
                color=MUTED,
            ),
        ]
        doc.build(story)
    return buffer.getvalue()


def liaison_card_pdf(*, group: SupportGroup, liaison: Liaison) -> bytes:
    """A pocket card (A6) a liaison hands out at their visits."""
    buffer = io.BytesIO()
    person = liaison.person
    with translation.override(group_language(group)):
        title = _("Your group's liaison")
        doc = pdf.document(buffer, title=title, author="PeerWell", pagesize=A6, margin=9 * mm)
        name = person.chosen_name + (f" ({person.pronouns})" if person.pronouns else "")
        story = [
            pdf.paragraph(title, 9, color=MUTED),
            pdf.paragraph(name, 17, "Helvetica-Bold"),
            Spacer(1, 3),
            pdf.paragraph(group.name, 10, color=MUTED),
            Spacer(1, 8),
            pdf.paragraph(liaison.contact or _("Ask the facilitator how to reach me."), 12),
            Spacer(1, 8),
            pdf.paragraph(
                _(
                    "I'm not part of the group. If anything in it makes you feel unsafe, or "
                    "you have a concern about how it is run, you can tell me. You don't have "
                    "to give your name."
                ),
                9.5,
            ),
            Spacer(1, 5),
            pdf.paragraph(
                _("Or tell us online, without an account or a name: %(url)s")
                % {"url": report_url(group)},
                9.5,
            ),
            qr(report_url(group), 22 * mm),
            Spacer(1, 5),
            pdf.paragraph(
                _("If you are in danger right now, call your local emergency number."), 9.5
            ),
        ]
        doc.build(story)
    return buffer.getvalue()


def report_url(group: SupportGroup) -> str:
    """The group's safety report address, as printed."""
    return settings.BASE_URL + reverse("report", args=[group.public_code])


def qr(url: str, size: float = 32 * mm) -> Drawing:
    """A QR code of an address (ReportLab's own, drawn as vectors)."""
    widget = QrCodeWidget(url)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    return drawing


def referral_card_pdf(*, groups: list[SupportGroup], language: str) -> bytes:
    """A card to hand someone: one to three groups, what they need to go, and a QR code to
    each group's public page where it has one. Nothing about the person."""
    from groups.referrals import card_lines

    buffer = io.BytesIO()
    with translation.override(language):
        title = _("Peer support groups you might like")
        doc = pdf.document(buffer, title=title, author="PeerWell", margin=16 * mm)
        story = [pdf.paragraph(title, 18, "Helvetica-Bold"), Spacer(1, 8)]
        for name, lines in card_lines(groups):
            story += [Spacer(1, 6), pdf.paragraph(name, 13, "Helvetica-Bold")]
            for line in lines:
                story.append(pdf.paragraph(line, 10.5))
                if line.startswith(("http://", "https://")) and "/find/" in line:
                    story.append(qr(line, 26 * mm))
        doc.build(story)
    return buffer.getvalue()


def flyer_pdf(*, group: SupportGroup, pagesize: tuple[float, float], language: str) -> bytes:
    """An outreach flyer: the group's name, who it is for, what to expect, when, where or how
    to join (an address or link only if the group made it public), and a QR code to its
    public page when it is on the finder."""
    from groups.models import Finder
    from groups.referrals import card_lines

    finder = Finder.objects.filter(organization_id=group.organization_id, published=True).first()
    buffer = io.BytesIO()
    with translation.override(language):
        doc = pdf.document(
            buffer, title=group.name, author="PeerWell", pagesize=pagesize, margin=20 * mm
        )
        (_name, lines), *rest = card_lines([group])
        story = [
            pdf.paragraph(_("Peer support group"), 13, color=MUTED),
            Spacer(1, 4),
            pdf.paragraph(group.name, 28, "Helvetica-Bold"),
            Spacer(1, 10),
            pdf.paragraph(group.model.shown_summary, 13),
            Spacer(1, 10),
        ]
        story += [pdf.paragraph(line, 13) for line in lines if "/find/" not in line]
        story += [Spacer(1, 8), *(pdf.paragraph(line, 12) for _n, ls in rest for line in ls)]
        if finder and group.in_finder:
            url = settings.BASE_URL + reverse(
                "finder_group", args=[group.organization.slug, group.public_code]
            )
            story += [Spacer(1, 14), qr(url, 40 * mm), pdf.paragraph(url, 10, color=MUTED)]
        story += [
            Spacer(1, 14),
            pdf.paragraph(
                _(
                    "You don't need to tell anyone anything about yourself to come, and you can "
                    "just listen."
                ),
                11,
                color=MUTED,
            ),
            Spacer(1, 10),
            pdf.paragraph(
                _("Feel unsafe in a group? Tell someone outside it, without a name: %(url)s")
                % {"url": report_url(group)},
                10,
                color=MUTED,
            ),
            qr(report_url(group), 22 * mm),
        ]
        doc.build(story)
    return buffer.getvalue()
