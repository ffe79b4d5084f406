"""Safety reports: anyone can tell the organization they felt unsafe in a group, without an
account or a name, and follow up with a receipt code.

- A report reaches the group's liaisons and the organization's safeguarding leads, never the
  group's facilitators; if it is about the liaison, the safeguarding leads alone.
- The receipt code is 24 characters from a 31-symbol alphabet (about 119 bits), shown once in
  groups of four. Its first four characters find the report (they are stored as they are,
  unique); the other twenty (about 99 bits) are stored only as a scrypt hash. Opening a report
  always computes exactly one scrypt, for a wrong code too, so the two take the same time.
- Nothing about the reporter is stored or logged: no IP address, no user agent, no account.
- Abuse resistance without CAPTCHAs: a hidden honeypot field, size and content checks, and
  per-group rate limits (in the cache: counts per group and hour, never per person).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import ScryptPasswordHasher
from django.core.cache import cache as counters
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates
from groups import access as groups_access
from groups.models import (
    CODE_ALPHABET,
    REPORT_MAX,
    ReportMessage,
    ReportRead,
    ReportStatus,
    SafetyReport,
    SupportGroup,
)
from groups.services import refuse
from workforce import access
from workforce.validators import json_text_problem

RECEIPT_LENGTH, LOOKUP_LENGTH = 24, 4
# Django's scrypt hasher used directly (not through PASSWORD_HASHERS, which may change for
# passwords): salted, and compared in constant time.
SCRYPT = ScryptPasswordHasher()
# A flood never reaches anyone: past these, a group's report form and receipt check pause.
SUBMISSIONS_PER_HOUR = 20
CHECKS_PER_HOUR = 60
CONTACT_MAX = 300


class RateLimited(Exception):
    """Too many reports or receipt checks for one group this hour."""


@cache
def _dummy_hash() -> str:
    """A hash to check a wrong receipt against, so it costs what a right one does."""
    return make_hash(secrets.token_hex(16))


def make_hash(secret: str) -> str:
    return SCRYPT.encode(secret, SCRYPT.salt())


def check_password(secret: str, stored: str) -> bool:
    return SCRYPT.verify(secret, stored)


def new_receipt() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(RECEIPT_LENGTH))


def shown(receipt: str) -> str:
    """The receipt as people write it down: groups of four."""
    return "-".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))


def normalized(typed: str) -> str:
    """What someone typed, as a receipt: case, spaces and dashes don't matter."""
    text = (typed or "")[:100].lower()
    return "".join(char for char in text if char in CODE_ALPHABET)


def _count(kind: str, group: SupportGroup, limit: int) -> None:
    hour = dates.now().strftime("%Y%m%d%H")
    key = f"groups:{kind}:{group.public_code}:{hour}"
    counters.add(key, 0, timeout=3600)
    if counters.incr(key) > limit:
        raise RateLimited


def _clean_text(value: str, field: str, limit: int, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        refuse(field, _("Please write a few words about what happened."), "required")
    if len(text) > limit:
        refuse(field, _("Please keep it under %(n)s characters.") % {"n": limit}, "max_length")
    problem = json_text_problem(text)
    junk = any(ord(c) < 32 and c not in "\n\r\t" for c in text)
    if problem or junk:
        message = _("This holds characters that aren't text. Please type or paste plain text.")
        refuse(field, message, "not_text")
    return text


@dataclass(frozen=True)
class ReportInput:
    what: str
    contact: str = ""
    safeguarding_only: bool = False
    honeypot: str = ""  # a field people never see; filled in only by scripts


@dataclass(frozen=True)
class Submitted:
    report: SafetyReport | None  # None: taken for a script's (honeypot), nothing saved
    receipt: str


def report_submit(*, group: SupportGroup, data: ReportInput) -> Submitted:
    """File a report about a group; returns its receipt code, the only time it exists in
    full. A script that filled the honeypot gets a receipt that opens nothing."""
    _count("report", group, SUBMISSIONS_PER_HOUR)
    what = _clean_text(data.what, "what", REPORT_MAX, required=True)
    contact = _clean_text(data.contact, "contact", CONTACT_MAX, required=False)
    if data.honeypot:
        return Submitted(None, new_receipt())
    for _attempt in range(5):  # a lookup that is taken (1 in a million): draw again
        receipt = new_receipt()
        try:
            with transaction.atomic():
                report = SafetyReport.objects.create(
                    organization_id=group.organization_id,
                    group=group,
                    safeguarding_only=bool(data.safeguarding_only),
                    what=what,
                    contact=contact,
                    receipt_lookup=receipt[:LOOKUP_LENGTH],
                    receipt_hash=make_hash(receipt[LOOKUP_LENGTH:]),
                )
        except IntegrityError:
            continue
        return Submitted(report, receipt)
    raise RuntimeError("no free receipt lookup")  # pragma: no cover  (2**-100)


def report_open(*, group: SupportGroup, receipt: str) -> SafetyReport | None:
    """The report this receipt opens, if it is about this group; None otherwise, after the
    same single scrypt a right code costs."""
    _count("check", group, CHECKS_PER_HOUR)
    code = normalized(receipt)
    report = None
    if len(code) == RECEIPT_LENGTH:
        report = SafetyReport.objects.filter(
            receipt_lookup=code[:LOOKUP_LENGTH], group=group
        ).first()
    stored = report.receipt_hash if report is not None else _dummy_hash()
    matches = check_password(code[LOOKUP_LENGTH:], stored)
    return report if report is not None and matches else None


@transaction.atomic
def reporter_reply(*, report: SafetyReport, text: str) -> ReportMessage:
    """The reporter answers, by their receipt (already checked by report_open)."""
    if report.status == ReportStatus.CLOSED:
        refuse("text", _("This report is closed. You can send a new one at any time."), "closed")
    text = _clean_text(text, "text", REPORT_MAX, required=True)
    SafetyReport.objects.filter(pk=report.pk).update(updated_at=timezone.now())
    return ReportMessage.objects.create(report=report, from_reporter=True, text=text)


# --- the staff side ----------------------------------------------------------------------


def report_read(*, actor: object, report: SafetyReport) -> None:
    """Every read by staff goes on the report's trail."""
    ReportRead.objects.create(report=report, reader=access.require_profile(actor))


def _handler(actor: object, report: SafetyReport) -> None:
    if not groups_access.reports_visible_to(actor).filter(pk=report.pk).exists():
        refuse(None, _("That report doesn't exist."), "not_found")


@transaction.atomic
def staff_reply(*, actor: object, report: SafetyReport, text: str) -> ReportMessage:
    """A liaison or safeguarding lead answers the reporter (who reads it by their receipt)."""
    _handler(actor, report)
    text = _clean_text(text, "text", REPORT_MAX, required=True)
    if report.status == ReportStatus.RECEIVED:
        SafetyReport.objects.filter(pk=report.pk).update(status=ReportStatus.LOOKING_INTO)
    SafetyReport.objects.filter(pk=report.pk).update(updated_at=timezone.now())
    return ReportMessage.objects.create(
        report=report, from_reporter=False, author=access.require_profile(actor), text=text
    )


@transaction.atomic
def report_update(
    *, actor: object, report: SafetyReport, status: str, notes: str, closing_summary: str
) -> SafetyReport:
    """Status, the handlers' own notes, and (to close it) a summary the reporter can read."""
    _handler(actor, report)
    report = SafetyReport.objects.select_for_update().get(pk=report.pk)
    if status not in ReportStatus.values:
        refuse("status", _("Choose a status from the list."), "invalid")
    report.notes = _clean_text(notes, "notes", REPORT_MAX, required=False)
    report.closing_summary = _clean_text(
        closing_summary, "closing_summary", REPORT_MAX, required=False
    )
    if status == ReportStatus.CLOSED and not report.closing_summary:
        message = _("Write a short closing summary: the reporter reads it with their receipt.")
        refuse("closing_summary", message, "required")
    report.status, report.updated_at = status, timezone.now()
    report.save()
    return report
