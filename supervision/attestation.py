"""The supervised-hours attestation (ReportLab): for one person and a date range, each
signed session (date, minutes, format, topics, supervisor, and when each of them signed),
the totals, and any corrections made after signing. Never notes, action items or
reflections. Ready to hand in with a certification renewal."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from core.pdf import document, paragraph
from supervision.models import SessionAmendment, SessionFormat, SessionParticipant, Topic
from supervision.selectors import signed_attendance
from workforce.models import StaffProfile
from workforce.validators import zone_of

INK = HexColor("#1f2a33")
ACCENT = HexColor("#0b5d66")
MUTED = HexColor("#4a5866")
RULE = HexColor("#c9d3da")


@dataclass
class AttestedSession:
    held_on: date
    minutes: int
    format: str
    topics: list[str]
    supervisor: str
    supervisor_signed: datetime
    person_signed: datetime
    amended: bool


def attested_sessions(person: StaffProfile, start: date, end: date) -> list[AttestedSession]:
    """The person's signed sessions held from `start` to `end` (their own days), oldest
    first: two queries."""
    zone = zone_of(person.timezone)
    rows = (
        signed_attendance(person.pk, start, end, person.timezone)
        .select_related("session__supervisor")
        # No notes, action items or reflections in an attestation: none is even decrypted.
        .defer("reflection", "session__notes", "session__action_items")
        .prefetch_related(
            Prefetch("session__amendments", queryset=SessionAmendment.objects.only("session"))
        )
        .order_by("session__held_at", "session_id")
    )
    return [_attested(row, zone) for row in rows]


def _attested(row: SessionParticipant, zone) -> AttestedSession:
    session = row.session
    return AttestedSession(
        held_on=session.held_at.astimezone(zone).date(),
        minutes=session.held_minutes,
        format=str(SessionFormat(session.format).label),
        topics=[str(Topic(t).label) for t in session.topics if t in Topic.values],
        supervisor=session.supervisor.name_for_certificates,
        supervisor_signed=session.supervisor_signed_at.astimezone(zone),
        person_signed=row.signed_at.astimezone(zone),
        amended=bool(session.amendments.all()),
    )


def attestation_pdf(*, person: StaffProfile, start: date, end: date) -> bytes:
    sessions = attested_sessions(person, start, end)
    minutes = sum(s.minutes for s in sessions)
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
    buffer = io.BytesIO()
    title = _("Supervised hours attestation")
    doc = document(buffer, title=title, author=person.organization.name)
    name = person.name_for_certificates
    flow = [
        _para(title, 16, "Helvetica-Bold", ACCENT),
        _para(person.organization.name, 10, "Helvetica", INK),
        Spacer(1, 3 * mm),
        _para(_("Name: %(name)s") % {"name": name}, 11, "Helvetica-Bold", INK),
        _para(
            _("Period: %(start)s to %(end)s")
            % {"start": start.isoformat(), "end": end.isoformat()},
            10,
            "Helvetica",
            INK,
        ),
        _para(
            _("Signed sessions: %(count)s · Supervised hours: %(hours)s")
            % {"count": len(sessions), "hours": f"{hours.normalize():f}"},
            11,
            "Helvetica-Bold",
            INK,
        ),
        Spacer(1, 4 * mm),
    ]
    if sessions:
        flow.append(_table(sessions))
    else:
        flow.append(_para(_("No signed sessions in this period."), 10, "Helvetica", MUTED))
    flow += [
        Spacer(1, 5 * mm),
        _para(
            _(
                "Each session above was confirmed by both the supervisor and %(name)s in "
                "PeerWell, with the date and time each signed (in %(zone)s). Sessions marked * "
                "were corrected after signing; the correction is kept with the session. "
                "Generated %(when)s."
            )
            % {
                "name": name,
                "zone": person.timezone,
                "when": timezone.localtime(timezone.now(), zone_of(person.timezone)).strftime(
                    "%Y-%m-%d %H:%M"
                ),
            },
            8.5,
            "Helvetica",
            MUTED,
        ),
    ]
    doc.build(flow)
    return buffer.getvalue()


def _para(text: str, size: float, font: str, color) -> Paragraph:
    return paragraph(text, size, font, color)


def _cell(text: str, bold: bool = False) -> Paragraph:
    return _para(text, 8, "Helvetica-Bold" if bold else "Helvetica", INK)


def _table(sessions: list[AttestedSession]) -> Table:
    head = [
        _("Date"),
        _("Minutes"),
        _("Format"),
        _("Topics"),
        _("Supervisor"),
        _("Supervisor signed"),
        _("Signed by the person"),
    ]
    rows = [[_cell(h, bold=True) for h in head]]
    for s in sessions:
        rows.append(
            [
                _cell(s.held_on.isoformat() + (" *" if s.amended else "")),
                _cell(str(s.minutes)),
                _cell(s.format),
                _cell(", ".join(s.topics) or "—"),
                _cell(s.supervisor),
                _cell(s.supervisor_signed.strftime("%Y-%m-%d %H:%M")),
                _cell(s.person_signed.strftime("%Y-%m-%d %H:%M")),
            ]
        )
    widths = [x * mm for x in (22, 16, 18, 48, 32, 23, 23)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ]
        )
    )
    return table
