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
  per-group rate limits (in the cache: counts per group and hour, never per person). While
  the cache is down the limits are not checked (core.counters): a report is still filed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import ScryptPasswordHasher
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import counters, dates
from groups import access as groups_access
from groups.models import (
    CODE_ALPHABET,
    REPORT_MAX,
    ReportExclusion,
    ReportMessage,
    ReportRead,
    ReportStatus,
    SafetyReport,
    SupportGroup,
)
from groups.services import refuse
from workforce import access
from workforce.models import EmploymentStatus, Role, StaffProfile
from workforce.validators import json_text_problem

RECEIPT_LENGTH, LOOKUP_LENGTH = 24, 4
# Django's scrypt hasher used directly (not through PASSWORD_HASHERS, which may change for
# passwords): salted, and compared in constant time.
SCRYPT = ScryptPasswordHasher()
# Past these in an hour, a group's report form and receipt check pause. They are high on
# purpose: a reporter must not be turned away by other people's use, and only what can't be
# someone else's is counted (reports really filed; receipts that opened nothing), so the
# counters say nothing about anyone's report. A flood still reaches each reader once an hour.
SUBMISSIONS_PER_HOUR = 200
FAILED_CHECKS_PER_HOUR = 300
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


def _key(kind: str, group: SupportGroup) -> str:
    return f"groups:{kind}:{group.public_code}:{dates.now():%Y%m%d%H}"


def _check_limit(kind: str, group: SupportGroup, limit: int) -> None:
    if counters.reached(_key(kind, group), limit):
        raise RateLimited


def _count(kind: str, group: SupportGroup) -> None:
    counters.count(_key(kind, group), timeout=3600)


def to_the_hour(moment=None):
    """A time kept about a reporter: to the hour, never finer."""
    return (moment or dates.now()).replace(minute=0, second=0, microsecond=0)


def has_readers(group: SupportGroup, *, safeguarding_only: bool) -> bool:
    """Whether anyone at work now would read a report about this group: a liaison (unless it
    is for the safeguarding leads alone) or a safeguarding lead, none of them facilitating
    it (nor, for the leads alone, its liaison)."""
    facilitating = set(group.facilitators.values_list("person_id", flat=True))
    liaisons = set(group.liaisons.values_list("person_id", flat=True))
    at_work = StaffProfile.objects.filter(
        organization_id=group.organization_id,
        user__is_active=True,
        employment_status=EmploymentStatus.ACTIVE,
    ).exclude(pk__in=facilitating)
    leads = at_work.filter(role_grants__role=Role.SAFEGUARDING)
    if safeguarding_only:
        return leads.exclude(pk__in=liaisons).exists()
    return leads.exists() or at_work.filter(pk__in=liaisons).exists()


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
    full. A script that filled the honeypot gets a receipt that opens nothing. A report that
    nobody would read is refused with a clear message, never accepted in silence."""
    _check_limit("report", group, SUBMISSIONS_PER_HOUR)
    what = _clean_text(data.what, "what", REPORT_MAX, required=True)
    contact = _clean_text(data.contact, "contact", CONTACT_MAX, required=False)
    if data.honeypot:
        return Submitted(None, new_receipt())
    if not has_readers(group, safeguarding_only=bool(data.safeguarding_only)):
        message = _(
            "Nobody outside the group is set up to read this yet, so we can't take it here. "
            "Please use the organization's contact instead."
        )
        refuse("what", message, "no_reader")
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
                    created_at=to_the_hour(),
                    reporter_activity_at=to_the_hour(),
                )
                _exclude_insiders(report)
        except IntegrityError:
            continue
        _count("report", group)
        return Submitted(report, receipt)
    raise RuntimeError("no free receipt lookup")  # pragma: no cover  (2**-100)


def _exclude_insiders(report: SafetyReport) -> None:
    """Who may never read it, fixed now: the group's facilitators, and its liaisons if it
    went to the safeguarding leads alone."""
    people = set(report.group.facilitators.values_list("person_id", flat=True))
    if report.safeguarding_only:
        people |= set(report.group.liaisons.values_list("person_id", flat=True))
    ReportExclusion.objects.bulk_create(
        ReportExclusion(report=report, person_id=pk) for pk in sorted(people)
    )


def report_open(*, group: SupportGroup, receipt: str) -> SafetyReport | None:
    """The report this receipt opens, if it is about this group; None otherwise, after the
    same single scrypt a right code costs."""
    _check_limit("check", group, FAILED_CHECKS_PER_HOUR)
    code = normalized(receipt)
    report = None
    if len(code) == RECEIPT_LENGTH:
        report = SafetyReport.objects.filter(
            receipt_lookup=code[:LOOKUP_LENGTH], group=group
        ).first()
    stored = report.receipt_hash if report is not None else _dummy_hash()
    matches = check_password(code[LOOKUP_LENGTH:], stored)
    if report is None or not matches:
        _count("check", group)  # only receipts that opened nothing are counted
        return None
    return report


@transaction.atomic
def reporter_reply(*, report: SafetyReport, text: str) -> ReportMessage:
    """The reporter answers, by their receipt (already checked by report_open)."""
    if report.status == ReportStatus.CLOSED:
        refuse("text", _("This report is closed. You can send a new one at any time."), "closed")
    text = _clean_text(text, "text", REPORT_MAX, required=True)
    SafetyReport.objects.filter(pk=report.pk).update(
        updated_at=to_the_hour(), reporter_activity_at=to_the_hour()
    )
    return ReportMessage.objects.create(
        report=report, from_reporter=True, text=text, created_at=to_the_hour()
    )


# --- the staff side ----------------------------------------------------------------------


def report_read(*, actor: object, report: SafetyReport) -> None:
    """Every read by staff goes on the report's trail."""
    reports_read(actor=actor, reports=[report])


def reports_read(*, actor: object, reports: list[SafetyReport]) -> None:
    """A page of reports read at once: one INSERT for the trail of them all."""
    reader = access.require_profile(actor)
    ReportRead.objects.bulk_create(ReportRead(report=r, reader=reader) for r in reports)


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
