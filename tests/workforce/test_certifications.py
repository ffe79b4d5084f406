"""Certifications and the CE ledger, at the service and selector level: status at its
boundaries, expiry from validity months, HR's verification, renewals that keep history, the
roster (its SQL matches the Python rules), who is missing a required credential, CE entries,
evidence files and who may open them, presets and type validation."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from pypdf import PdfWriter
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.certifications import access as certification_access
from workforce.certifications import selectors, services
from workforce.certifications.readiness import readiness, recount_ce, with_ce_hours
from workforce.models import (
    CECategory,
    CEEntry,
    Certification,
    CertificationEvidence,
    CertificationType,
    CESource,
    CEStatus,
    EmploymentStatus,
    Role,
    StaffProfile,
    TrainingFormat,
    TrainingModule,
    User,
)
from workforce.training.catalogue import module_save
from workforce.training.learning import completion_create

TODAY = date(2026, 11, 26)
NOW = datetime.fromisoformat("2026-11-26T15:00:00+00:00")
ICRC = "icrc-peer-recovery"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- building blocks -------------------------------------------------------------------------


def _type(
    actor: StaffProfile,
    name: str = "Peer Recovery",
    *,
    required_for: tuple[str, ...] = (),
    minimums: dict[str, object] | None = None,
    **data: object,
) -> CertificationType:
    fields = {
        "name": name,
        "issuing_body": "State board",
        "validity_months": 24,
        "ce_hours_required": "20",
        "renewal_window_days": 90,
        "milestones": [90, 60, 30, 7, 0],
        **data,
    }
    return services.certification_type_save(
        actor=actor.user, data=fields, required_for=required_for, minimums=minimums
    )


def _cert(
    person: StaffProfile,
    type: CertificationType,
    issued_on: date,
    expires_on: date | None = None,
    *,
    by: StaffProfile | None = None,
    **extra: object,
) -> Certification:
    """A certification added by `by` (HR unless said otherwise: verified at once)."""
    actor = by or _hr(person)
    return services.certification_add(
        actor=actor.user,
        person=person,
        type=type,
        issued_on=issued_on,
        expires_on=expires_on,
        **extra,
    )


def _hr(person: StaffProfile) -> StaffProfile:
    """HR of the person's organization (Hana at Harbor; Charlie, the admin, at Elsewhere)."""
    return (
        StaffProfile.objects.filter(
            organization_id=person.organization_id,
            role_grants__role__in=[Role.HR, Role.ORG_ADMIN],
        )
        .order_by("-chosen_name")
        .first()
    )


def _ce(
    person: StaffProfile,
    earned_on: date,
    hours: object,
    category: str = CECategory.GENERAL,
    *,
    title: str = "Peer ethics",
    provider: str = "NAADAC",
    by: StaffProfile | None = None,
    evidence=None,
) -> CEEntry:
    """An outside course's CE hours (added by HR, so approved, unless `by` says otherwise)."""
    actor = by or _hr(person)
    return services.ce_entry_add(
        actor=actor.user,
        person=person,
        title=title,
        provider=provider,
        earned_on=earned_on,
        hours=hours,
        category=category,
        evidence=evidence,
    )


def _pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Certified Peer Recovery Specialist")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _js_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_js("app.alert('hello');")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _upload(data: bytes | None = None, name: str = "credential.pdf", content_type=None):
    return SimpleUploadedFile(
        name, _pdf() if data is None else data, content_type=content_type or "application/pdf"
    )


def _files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _fresh(profile: StaffProfile) -> User:
    """The person's user, loaded again (no cached profile or roles)."""
    return User.objects.get(pk=profile.user_id)


def _roster(viewer: StaffProfile, today: date = TODAY, **filters: object) -> list[Certification]:
    return list(selectors.roster(user=_fresh(viewer), today=today, **filters))


@pytest.fixture
def pr(cast: Cast) -> CertificationType:
    """Peer Recovery: 2 years, 20 CE hours of which 6 in ethics, required for specialists."""
    return _type(cast.hana, required_for=(Role.PEER_SPECIALIST,), minimums={"ethics": "6"})


@pytest.fixture
def forever(cast: Cast) -> CertificationType:
    return _type(
        cast.hana,
        "Mandated reporter training",
        validity_months=None,
        ce_hours_required="0",
        renewal_window_days=None,
    )


@pytest.fixture
def module(cast: Cast) -> TrainingModule:
    return module_save(
        actor=cast.adam.user,
        data={
            "title": "Trauma-informed peer support",
            "summary": "A course taken here.",
            "category": "trauma_informed",
            "format": TrainingFormat.IN_APP,
            "estimated_minutes": 120,
            "ce_hours": "2.00",
            "ce_category": "trauma",
        },
        required_for=[],
    )


# --- status at its boundaries ----------------------------------------------------------------


@pytest.mark.parametrize(
    "expires_in, verified, revoked, expected",
    [
        pytest.param(0, True, False, "expiring", id="expires-today-is-not-expired"),
        pytest.param(-1, True, False, "expired", id="expired-the-day-after"),
        pytest.param(90, True, False, "expiring", id="first-milestone-day"),
        pytest.param(91, True, False, "active", id="day-before-first-milestone"),
        pytest.param(None, True, False, "active", id="never-expires"),
        pytest.param(None, False, False, "pending", id="never-expires-pending"),
        pytest.param(200, False, False, "pending", id="pending"),
        pytest.param(30, False, False, "pending", id="pending-outranks-expiring"),
        pytest.param(-1, False, False, "expired", id="expired-outranks-pending"),
        pytest.param(-1, True, True, "revoked", id="revoked-outranks-expired"),
        pytest.param(200, False, True, "revoked", id="revoked-outranks-pending"),
        pytest.param(None, True, True, "revoked", id="revoked-never-expiring"),
    ],
)
def test_status_at_its_boundaries(
    cast: Cast, pr, forever, expires_in, verified, revoked, expected
) -> None:
    type = forever if expires_in is None else pr
    expires_on = None if expires_in is None else TODAY + timedelta(days=expires_in)
    by = cast.hana if verified else cast.alice
    cert = _cert(cast.alice, type, date(2024, 6, 1), expires_on, by=by)
    if revoked:
        services.certification_revoke(actor=cast.hana.user, certification=cert, reason="Lapsed")
    cert.refresh_from_db()
    assert cert.status(TODAY) == expected
    (row,) = _roster(cast.hana)
    assert row.state == expected


def test_a_certification_that_never_expires_never_expires(cast: Cast, forever) -> None:
    cert = _cert(cast.alice, forever, date(2001, 1, 1))
    assert (cert.expires_on, cert.notice_on) == (None, None)
    assert cert.status(date(2099, 12, 31)) == "active"
    (row,) = _roster(cast.hana, today=date(2099, 12, 31))
    assert row.state == "active"


@pytest.mark.parametrize(
    "milestones, soon",
    [([90, 60, 30, 7, 0], 90), ([7, 30], 30), ([0], 0), ([120, 14], 120)],
)
def test_expiring_soon_starts_at_the_types_earliest_milestone(cast: Cast, milestones, soon) -> None:
    type = _type(cast.hana, milestones=milestones)
    expires_on = TODAY + timedelta(days=200)
    cert = _cert(cast.alice, type, date(2025, 1, 1), expires_on)
    assert cert.notice_on == expires_on - timedelta(days=soon)
    assert cert.status(expires_on - timedelta(days=soon + 1)) == "active"
    assert cert.status(expires_on - timedelta(days=soon)) == "expiring"
    assert cert.status(expires_on) == "expiring"
    assert cert.status(expires_on + timedelta(days=1)) == "expired"


@pytest.mark.parametrize(
    "milestones",
    [[90, 60, 30, 7, 0], [30], [0]],
    ids=["default", "thirty", "expiry-day-only"],
)
def test_the_rosters_sql_state_equals_the_python_status(cast: Cast, milestones) -> None:
    type = _type(cast.hana, milestones=milestones)
    never = _type(cast.hana, "Never", validity_months=None, ce_hours_required="0")
    certs = []
    for offset in (-2, -1, 0, 1, 29, 30, 31, 89, 90, 91, 365):
        expires_on = TODAY + timedelta(days=offset)
        issued_on = min(TODAY, expires_on) - timedelta(days=300)
        certs.append(_cert(cast.alice, type, issued_on, expires_on))
        certs.append(_cert(cast.sid, type, issued_on, expires_on, by=cast.sid))  # pending
    certs.append(_cert(cast.bob, never, date(2020, 1, 1)))
    certs.append(_cert(cast.bob, never, date(2020, 1, 1), by=cast.bob))
    revoked = _cert(cast.mia, type, date(2026, 1, 1), TODAY + timedelta(days=10))
    services.certification_revoke(actor=cast.adam.user, certification=revoked, reason="Misused")
    certs.append(revoked)
    for cert in certs:
        cert.refresh_from_db()
    for shift in (-400, -92, -91, -90, -89, -31, -30, -1, 0, 1, 2, 30, 90, 91, 400):
        today = TODAY + timedelta(days=shift)
        states = dict(
            selectors.roster(user=_fresh(cast.hana), today=today).values_list("pk", "state")
        )
        assert states == {c.pk: c.status(today) for c in certs}, today
    seen = {c.status(TODAY) for c in certs}
    assert seen == {"active", "expiring", "expired", "pending", "revoked"}


# --- expiry from validity months -------------------------------------------------------------


@pytest.mark.parametrize(
    "issued_on, months, expected",
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 12, 15), 24, date(2027, 12, 15)),
    ],
)
def test_expiry_follows_from_validity_months(cast: Cast, issued_on, months, expected) -> None:
    type = _type(cast.hana, validity_months=months)
    cert = _cert(cast.alice, type, issued_on)
    assert cert.expires_on == expected
    assert cert.notice_on == expected - timedelta(days=90)


def test_a_given_expiry_date_wins_over_validity_months(cast: Cast, pr) -> None:
    cert = _cert(cast.alice, pr, date(2025, 1, 1), date(2025, 6, 30))
    assert cert.expires_on == date(2025, 6, 30)


def test_a_provisional_certification_runs_for_the_provisional_period(cast: Cast) -> None:
    type = _type(
        cast.hana,
        "Certified Peer Specialist",
        provisional_months=6,
        provisional_supervised_hours="250",
    )
    cert = _cert(cast.alice, type, date(2026, 8, 31), provisional=True)
    assert (cert.provisional, cert.expires_on) == (True, date(2027, 2, 28))
    full = _cert(cast.sid, type, date(2026, 8, 31))
    assert (full.provisional, full.expires_on) == (False, date(2028, 8, 31))


def test_editing_a_types_milestones_moves_its_certifications_notice(cast: Cast, pr) -> None:
    expires_on = TODAY + timedelta(days=60)
    cert = _cert(cast.alice, pr, date(2025, 1, 1), expires_on)
    forever = _cert(cast.sid, _type(cast.hana, "Never", validity_months=None), date(2025, 1, 1))
    other = _cert(cast.sid, _type(cast.hana, "Other"), date(2025, 1, 1), expires_on)
    assert cert.status(TODAY) == "expiring"
    services.certification_type_save(
        actor=cast.adam.user,
        type=pr,
        data={"milestones": [7, 30, 30]},
        required_for=[Role.PEER_SPECIALIST],
        minimums={"ethics": "6"},
    )
    pr.refresh_from_db()
    assert pr.milestones == [30, 7]  # sorted, without repeats
    cert.refresh_from_db()
    assert cert.notice_on == expires_on - timedelta(days=30)
    assert cert.status(TODAY) == "active"
    states = {r.pk: r.state for r in _roster(cast.hana)}
    assert states[cert.pk] == "active"
    assert states[other.pk] == "expiring"  # another type's reminders are its own
    forever.refresh_from_db()
    assert forever.notice_on is None


# --- adding, verifying and revoking ----------------------------------------------------------


def test_a_holder_adds_their_own_and_it_waits_for_hr(cast: Cast, pr) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 10), by=cast.alice, credential_number=" PR-1 ")
    assert (cert.verified_by, cert.verified_at, cert.added_by) == (None, None, cast.alice)
    assert cert.credential_number == "PR-1"
    assert cert.status(TODAY) == "pending"
    services.certification_verify(actor=cast.hana.user, certification=cert)
    cert.refresh_from_db()
    assert (cert.verified_by, cert.verified_at) == (cast.hana, NOW)
    assert cert.status(TODAY) == "active"
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        services.certification_verify(actor=cast.adam.user, certification=cert)
    cert.refresh_from_db()
    assert (cert.verified_by, cert.verified_at) == (cast.hana, NOW)  # the first check stands


def test_hr_and_admins_add_verified_certifications(cast: Cast, pr) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 10), by=cast.hana)
    assert (cert.verified_by, cert.verified_at, cert.added_by) == (cast.hana, NOW, cast.hana)
    assert cert.status(TODAY) == "active"
    other = _cert(cast.sid, pr, date(2026, 1, 10), by=cast.adam)
    assert (other.verified_by, other.verified_at) == (cast.adam, NOW)


@pytest.mark.parametrize("actor", ["sid", "bob", "mia", "charlie", "carol"])
def test_only_the_holder_hr_and_admins_add_a_certification(cast: Cast, pr, actor) -> None:
    with pytest.raises(ValidationError):
        _cert(cast.alice, pr, date(2026, 1, 10), by=cast.by_name(actor))
    assert not Certification.objects.exists()


@pytest.mark.parametrize("actor", ["alice", "sid", "bob", "mia", "charlie"])
def test_only_hr_and_admins_of_the_organization_verify_or_revoke(cast: Cast, pr, actor) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 10), by=cast.alice)
    user = cast.by_name(actor).user
    with pytest.raises(ValidationError):
        services.certification_verify(actor=user, certification=cert)
    with pytest.raises(ValidationError):
        services.certification_revoke(actor=user, certification=cert, reason="No")
    cert.refresh_from_db()
    assert (cert.verified_at, cert.revoked_at) == (None, None)


def test_revoking_needs_a_reason_and_wins_over_everything(cast: Cast, pr) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 10))
    with pytest.raises(ValidationError) as caught:
        services.certification_revoke(actor=cast.hana.user, certification=cert, reason="  ")
    assert "reason" in caught.value.message_dict
    cert.refresh_from_db()
    assert cert.revoked_at is None
    services.certification_revoke(
        actor=cast.hana.user, certification=cert, reason=" Board revoked it "
    )
    cert.refresh_from_db()
    assert (cert.revoked_at, cert.revoked_reason) == (NOW, "Board revoked it")
    for today in (TODAY, cert.expires_on, cert.expires_on + timedelta(days=1)):
        assert cert.status(today) == "revoked"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"issued_on": TODAY + timedelta(days=1)}, "issued_on"),
        ({"issued_on": None}, "issued_on"),
        ({"expires_on": date(2025, 12, 31)}, "expires_on"),
        ({"provisional": True}, "provisional"),
    ],
    ids=["future-issue", "no-issue-date", "expires-before-issue", "no-provisional-period"],
)
def test_a_bad_certification_is_refused(cast: Cast, pr, change, field) -> None:
    data = {"issued_on": date(2026, 1, 1), "expires_on": None, **change}
    with pytest.raises(ValidationError) as caught:
        services.certification_add(actor=cast.hana.user, person=cast.alice, type=pr, **data)
    assert field in caught.value.message_dict
    assert not Certification.objects.exists()


def test_issued_today_is_fine(cast: Cast, pr) -> None:
    assert _cert(cast.alice, pr, TODAY).expires_on == date(2028, 11, 26)


def test_a_type_from_another_organization_or_archived_is_refused(cast: Cast, pr) -> None:
    theirs = _type(cast.charlie, "Their credential")
    with pytest.raises(ValidationError) as caught:
        _cert(cast.alice, theirs, date(2026, 1, 1))
    assert "type" in caught.value.message_dict
    services.certification_type_archive(actor=cast.hana.user, type=pr)
    with pytest.raises(ValidationError):
        _cert(cast.alice, pr, date(2026, 1, 1))
    assert not Certification.objects.exists()


# --- renewals --------------------------------------------------------------------------------


def test_renewing_adds_a_cycle_and_keeps_the_old_one(cast: Cast, pr) -> None:
    old = _cert(cast.alice, pr, date(2024, 12, 1), credential_number="PR-77")
    new = services.certification_renew(
        actor=cast.hana.user, certification=old, issued_on=date(2026, 11, 20)
    )
    old.refresh_from_db()
    assert new.previous == old and old.renewed_by == new
    assert (new.expires_on, new.credential_number) == (date(2028, 11, 20), "PR-77")
    assert new.status(TODAY) == "active"
    assert Certification.objects.filter(person=cast.alice).count() == 2
    assert [r.pk for r in _roster(cast.hana)] == [new.pk]  # only the current cycle
    with pytest.raises(ValidationError):
        services.certification_renew(
            actor=cast.hana.user, certification=old, issued_on=date(2026, 11, 25)
        )
    assert Certification.objects.filter(person=cast.alice).count() == 2


def test_a_renewal_cant_start_before_the_cycle_it_follows(cast: Cast, pr) -> None:
    old = _cert(cast.alice, pr, date(2024, 12, 1))
    with pytest.raises(ValidationError) as caught:
        services.certification_renew(
            actor=cast.hana.user, certification=old, issued_on=date(2024, 11, 30)
        )
    assert "issued_on" in caught.value.message_dict
    assert not hasattr(Certification.objects.get(pk=old.pk), "renewed_by")


def test_only_hr_and_admins_record_a_renewal(cast: Cast, pr) -> None:
    """The holder adds a new credential instead (and HR verifies it); a renewal is HR's."""
    old = _cert(cast.alice, pr, date(2024, 12, 1))
    for actor in (cast.alice, cast.sid, cast.mia, cast.bob, cast.charlie):
        with pytest.raises(ValidationError):
            services.certification_renew(
                actor=actor.user, certification=old, issued_on=date(2026, 11, 1)
            )
    assert Certification.objects.count() == 1
    new = services.certification_renew(
        actor=cast.adam.user, certification=old, issued_on=date(2026, 11, 1)
    )
    assert new.status(TODAY) == "active"
    assert Certification.objects.count() == 2


def test_a_new_cycles_readiness_starts_from_its_own_issue_date(cast: Cast, pr) -> None:
    old = _cert(cast.alice, pr, date(2024, 12, 1), date(2026, 12, 1))
    _ce(cast.alice, date(2025, 3, 1), "6", "ethics", title="Ethics one")
    _ce(cast.alice, date(2026, 6, 1), "10", title="General one")
    assert readiness(old, TODAY).requirements[0].earned == Decimal("16")
    new = services.certification_renew(
        actor=cast.hana.user, certification=old, issued_on=date(2026, 7, 1)
    )
    _ce(cast.alice, date(2026, 8, 1), "2", title="New cycle course")
    result = readiness(new, TODAY)
    assert [(r.label, r.earned) for r in result.requirements] == [
        ("ce", Decimal("2")),
        ("ethics", Decimal("0")),
    ]
    (row,) = _roster(cast.hana)
    assert (row.pk, row.ce_earned, row.ce_ethics) == (new.pk, Decimal("2"), Decimal("0"))


def test_a_persons_page_splits_current_cycles_from_history(cast: Cast, pr, forever) -> None:
    old = _cert(cast.alice, pr, date(2024, 12, 1), evidence=_upload())
    new = services.certification_renew(
        actor=cast.hana.user, certification=old, issued_on=date(2026, 11, 1)
    )
    kept = _cert(cast.alice, forever, date(2020, 1, 1))
    _ce(cast.alice, date(2026, 11, 2), "2", title="Counted")
    _ce(cast.alice, date(2026, 11, 3), "1", title="Waiting", by=cast.alice)
    _ce(cast.sid, date(2026, 11, 3), "1", title="Sid's")
    for viewer in (cast.alice, cast.bob, cast.mia, cast.hana, cast.adam):
        page = selectors.person_certifications(user=_fresh(viewer), person=cast.alice, today=TODAY)
        assert [r.certification for r in page.current] == [kept, new]
        assert page.history == [old]
        assert page.missing == []
        assert [e.title for e in page.ce_entries] == ["Waiting", "Counted"]
        assert page.current[1].requirements[0].earned == Decimal("2")
    services.certification_revoke(actor=cast.hana.user, certification=new, reason="Ended")
    page = selectors.person_certifications(user=_fresh(cast.hana), person=cast.alice, today=TODAY)
    assert page.missing == [pr]
    theirs = selectors.person_certifications(
        user=_fresh(cast.charlie), person=cast.alice, today=TODAY
    )
    assert (theirs.current, theirs.history, theirs.ce_entries) == ([], [], [])


# --- CE counted in a cycle: SQL and Python agree -----------------------------------------------


@pytest.fixture
def ledger(cast: Cast, pr, forever, module) -> dict[str, Certification]:
    """Alice's current cycle and a never-expiring one; Sid's expired cycle and its renewal."""
    alice = _cert(cast.alice, pr, date(2025, 1, 10), date(2027, 1, 10))
    alice_forever = _cert(cast.alice, forever, date(2026, 1, 1))
    _ce(cast.alice, date(2025, 1, 9), "5", title="The day before the cycle")
    _ce(cast.alice, date(2025, 1, 10), "3", "ethics", title="Ethics in Peer Work")
    _ce(
        cast.alice,
        date(2026, 2, 1),
        "3",
        "ethics",
        title="ethics  in PEER work ",
        provider="naadac ",
    )
    _ce(cast.alice, date(2025, 5, 1), "1.5", "cultural", title="Cultural humility")
    _ce(cast.alice, date(2025, 6, 1), "4", title="Waiting for HR", by=cast.alice)
    declined = _ce(cast.alice, date(2025, 7, 1), "4", "ethics", title="Not it", by=cast.alice)
    services.ce_entry_review(
        actor=cast.hana.user, entry=declined, approve=False, reason="Not an accredited provider"
    )
    completion_create(
        person=cast.alice, module=module, completed_on=date(2025, 8, 1), source="in_app"
    )
    completion_create(  # the same module again in the cycle: counts once
        person=cast.alice, module=module, completed_on=date(2026, 8, 1), source="in_app"
    )
    for _ in range(2):  # older entries without a course key always count
        CEEntry.objects.create(
            organization=cast.harbor,
            person=cast.alice,
            earned_on=date(2026, 3, 3),
            hours=Decimal("1"),
            category="general",
            title="Legacy",
            source=CESource.EXTERNAL,
            status=CEStatus.APPROVED,
        )
    recount_ce([cast.alice.pk])  # written around the services: store their hours too
    _ce(cast.alice, TODAY, "0.5", title="Today's webinar")

    sid_old = _cert(cast.sid, pr, date(2023, 1, 1), date(2025, 1, 1))
    sid_new = services.certification_renew(
        actor=cast.hana.user, certification=sid_old, issued_on=date(2025, 1, 2)
    )
    _ce(cast.sid, date(2024, 6, 1), "3", "ethics", title="Ethics in Peer Work")
    _ce(cast.sid, date(2025, 1, 1), "1", title="On the expiry day")
    _ce(cast.sid, date(2025, 1, 2), "1", title="The day after")
    _ce(cast.sid, date(2025, 3, 1), "3", "ethics", title="Ethics in Peer Work")  # next cycle
    completion_create(
        person=cast.sid, module=module, completed_on=date(2024, 9, 1), source="in_app"
    )
    completion_create(
        person=cast.sid, module=module, completed_on=date(2025, 9, 1), source="in_app"
    )
    _ce(cast.carol, date(2025, 3, 1), "9", title="Elsewhere's course")
    return {
        "alice": alice,
        "alice_forever": alice_forever,
        "sid_old": Certification.objects.get(pk=sid_old.pk),
        "sid_new": sid_new,
    }


EXPECTED_CE = {
    # total, general, ethics, trauma, cultural
    "alice": ("9", "2.5", "3", "2", "1.5"),
    "alice_forever": ("7.5", "2.5", "3", "2", "0"),
    "sid_old": ("6", "1", "3", "2", "0"),
    "sid_new": ("6", "1", "3", "2", "0"),
}


def _python_ce(cert: Certification, today: date) -> dict[str, Decimal]:
    entries = readiness(cert, today).entries
    figures = {"ce_earned": sum((e.hours for e in entries), Decimal("0"))}
    for category in CECategory.values:
        figures[f"ce_{category}"] = sum(
            (e.hours for e in entries if e.category == category), Decimal("0")
        )
    return figures


def _sql_ce(row: Certification) -> dict[str, Decimal]:
    names = ["ce_earned", *(f"ce_{c}" for c in CECategory.values)]
    return {name: getattr(row, name) for name in names}


def test_ce_hours_counted_in_a_cycle(cast: Cast, ledger) -> None:
    names = ["ce_earned", *(f"ce_{c}" for c in CECategory.values)]
    for key, cert in ledger.items():
        expected = dict(zip(names, map(Decimal, EXPECTED_CE[key]), strict=True))
        assert _python_ce(cert, TODAY) == expected, key
    titles = [e.title for e in readiness(ledger["alice"], TODAY).entries]
    assert sorted(titles) == sorted(
        [
            "Ethics in Peer Work",
            "Cultural humility",
            "Trauma-informed peer support",
            "Legacy",
            "Legacy",
            "Today's webinar",
        ]
    )
    assert readiness(ledger["alice"], TODAY).entries[-1].earned_on == date(2025, 1, 10)


def test_the_rosters_ce_figures_equal_readiness(cast: Cast, ledger) -> None:
    rows = {r.pk: r for r in _roster(cast.hana)}
    assert set(rows) == {ledger["alice"].pk, ledger["alice_forever"].pk, ledger["sid_new"].pk}
    for cert in rows.values():
        assert _sql_ce(cert) == _python_ce(cert, TODAY), cert
    everything = with_ce_hours(Certification.objects.all(), TODAY)  # history too
    for cert in everything:
        assert _sql_ce(cert) == _python_ce(cert, TODAY), cert
    assert len(everything) == 4


@pytest.mark.parametrize("today", [date(2025, 1, 9), date(2025, 6, 1), date(2026, 3, 3)])
def test_the_rosters_ce_figures_equal_readiness_on_other_days(cast: Cast, ledger, today) -> None:
    for cert in with_ce_hours(Certification.objects.all(), today):
        assert _sql_ce(cert) == _python_ce(cert, today), (cert, today)


def _stored_and_summed(today: date = TODAY) -> dict[int, tuple[Decimal, Decimal]]:
    rows = with_ce_hours(Certification.objects.all(), today)
    return {c.pk: (c.ce_counted, c.ce_earned) for c in rows}


def test_the_stored_ce_total_is_the_summed_one_after_every_change(
    cast: Cast, ledger, module
) -> None:
    """The ledger above went through every service that moves CE hours: the stored totals
    the roster sorts on agree with the ledger's sums, and keep agreeing."""

    def agree() -> None:
        for pk, (stored, summed) in _stored_and_summed().items():
            assert stored == summed, pk

    agree()
    assert Certification.objects.get(pk=ledger["alice"].pk).ce_counted == Decimal("9")
    waiting = CEEntry.objects.get(title="Waiting for HR")
    services.ce_entry_review(actor=cast.hana.user, entry=waiting, approve=True)
    agree()
    assert Certification.objects.get(pk=ledger["alice"].pk).ce_counted == Decimal("13")
    services.ce_entry_review(actor=cast.hana.user, entry=waiting, approve=False, reason="Dup")
    agree()
    completion_create(
        person=cast.sid, module=module, completed_on=date(2026, 10, 1), source="in_app"
    )  # already counted in Sid's cycle: the same course once
    agree()
    renewed = services.certification_renew(
        actor=cast.hana.user, certification=ledger["alice"], issued_on=date(2026, 11, 1)
    )
    agree()
    assert Certification.objects.get(pk=renewed.pk).ce_counted == Decimal("0.5")
    untouched = Certification.objects.get(pk=ledger["sid_new"].pk).ce_counted
    _ce(cast.alice, date(2026, 11, 2), "2")  # Alice's hours don't move Sid's
    agree()
    assert Certification.objects.get(pk=ledger["sid_new"].pk).ce_counted == untouched


def test_a_failed_ce_entry_changes_no_stored_total(cast: Cast, ledger) -> None:
    before = _stored_and_summed()
    with pytest.raises(ValidationError):
        services.ce_entry_add(
            actor=cast.hana.user,
            person=cast.alice,
            title="Too many",
            provider="",
            earned_on=date(2026, 2, 1),
            hours="500",
            category="general",
        )
    assert _stored_and_summed() == before


def test_approving_a_pending_entry_counts_it_in_both(cast: Cast, ledger) -> None:
    entry = CEEntry.objects.get(title="Waiting for HR")
    services.ce_entry_review(actor=cast.hana.user, entry=entry, approve=True)
    cert = ledger["alice"]
    (row,) = [r for r in _roster(cast.hana) if r.pk == cert.pk]
    assert row.ce_earned == _python_ce(cert, TODAY)["ce_earned"] == Decimal("13")


def test_the_rosters_readiness_is_the_percent_of_ce_hours(cast: Cast, pr, forever) -> None:
    third = _type(cast.hana, "A third", ce_hours_required="3")
    _cert(cast.alice, third, date(2026, 1, 1))
    _cert(cast.sid, pr, date(2026, 1, 1))
    _cert(cast.bob, forever, date(2026, 1, 1))
    _ce(cast.alice, date(2026, 2, 1), "1")
    _ce(cast.sid, date(2026, 2, 1), "5")
    percent = {r.person.chosen_name: r.readiness for r in _roster(cast.hana)}
    assert percent["Sid"] == Decimal("25")
    assert percent["Bob"] == Decimal("100")  # nothing required
    assert percent["Alice"] == pytest.approx(33.33, abs=0.01)


# --- readiness -------------------------------------------------------------------------------


def test_readiness_checks_the_total_and_each_category_minimum(cast: Cast, pr) -> None:
    cert = _cert(cast.alice, pr, TODAY - timedelta(days=100))
    _ce(cast.alice, TODAY - timedelta(days=50), "5", title="General")
    _ce(cast.alice, TODAY - timedelta(days=40), "3", "ethics", title="Ethics")
    result = readiness(cert, TODAY)
    ce, ethics = result.requirements
    assert (ce.label, ce.earned, ce.required, ce.met, ce.missing, ce.percent) == (
        "ce",
        Decimal("8"),
        Decimal("20"),
        False,
        Decimal("12"),
        40,
    )
    assert (ethics.label, ethics.earned, ethics.met, ethics.missing) == (
        "ethics",
        Decimal("3"),
        False,
        Decimal("3"),
    )
    assert not result.ready
    # At this pace (8 hours in 100 days; 3 in ethics): 150 and 100 more days.
    assert ce.projected_on == TODAY + timedelta(days=150)
    assert ethics.projected_on == TODAY + timedelta(days=100)
    _ce(cast.alice, TODAY - timedelta(days=1), "3.5", "ethics", title="Ethics two")
    result = readiness(cert, TODAY)
    ce, ethics = result.requirements
    assert (ethics.earned, ethics.met, ethics.missing, ethics.percent) == (
        Decimal("6.5"),
        True,
        Decimal("0"),
        100,
    )
    assert ethics.projected_on is None  # met
    assert not ce.met and ce.earned == Decimal("11.5")
    _ce(cast.alice, TODAY, "8.5", title="A long course")
    assert readiness(cert, TODAY).ready


def test_a_type_without_ce_hours_needs_nothing(cast: Cast, forever) -> None:
    result = readiness(_cert(cast.alice, forever, date(2020, 1, 1)), TODAY)
    assert (result.requirements, result.ready, result.days_left, result.in_window) == (
        [],
        True,
        None,
        False,
    )
    assert result.status == "active"


@pytest.mark.parametrize(
    "elapsed, hours, projected",
    [
        pytest.param(29, "4", None, id="too-early-for-a-pace"),
        pytest.param(30, "4", TODAY + timedelta(days=120), id="thirty-days-is-enough"),
        pytest.param(200, "0", None, id="no-hours-no-pace"),
        pytest.param(200, "20", None, id="already-met"),
        pytest.param(200, "3", TODAY + timedelta(days=1133), id="rounded-to-a-day"),
    ],
)
def test_the_projection_needs_time_and_hours(cast: Cast, pr, elapsed, hours, projected) -> None:
    cert = _cert(cast.alice, pr, TODAY - timedelta(days=elapsed))
    if hours != "0":
        _ce(cast.alice, TODAY - timedelta(days=1), hours, title="Course")
    (ce, _ethics) = readiness(cert, TODAY).requirements
    assert ce.projected_on == projected


def test_the_pace_of_an_expired_cycle_stops_at_its_expiry(cast: Cast, pr) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 1), date(2026, 4, 11))  # 100 days
    _ce(cast.alice, date(2026, 2, 1), "10", title="Course")
    (ce, _ethics) = readiness(cert, TODAY).requirements
    assert ce.projected_on == TODAY + timedelta(days=100)


@pytest.mark.parametrize(
    "expires_in, window, expected",
    [(90, 90, True), (91, 90, False), (0, 90, True), (-1, 90, False), (10, None, False)],
)
def test_in_window_follows_the_renewal_window(cast: Cast, expires_in, window, expected) -> None:
    type = _type(cast.hana, renewal_window_days=window)
    cert = _cert(cast.alice, type, date(2025, 1, 1), TODAY + timedelta(days=expires_in))
    result = readiness(cert, TODAY)
    assert (result.days_left, result.in_window) == (expires_in, expected)


# --- the roster: filters, sorting, scope, queries ----------------------------------------------


def test_the_roster_filters_by_role_status_and_type(cast: Cast, pr, forever) -> None:
    a = _cert(cast.alice, pr, date(2025, 1, 1), TODAY + timedelta(days=30))
    s = _cert(cast.sid, pr, date(2025, 1, 1), TODAY + timedelta(days=300))
    b = _cert(cast.bob, forever, date(2025, 1, 1))
    h = _cert(cast.hana, pr, date(2023, 1, 1), TODAY - timedelta(days=3))
    m = _cert(cast.mia, forever, date(2025, 1, 1), by=cast.mia)

    def pks(**filters) -> set[int]:
        return {r.pk for r in _roster(cast.hana, **filters)}

    assert pks() == {a.pk, s.pk, b.pk, h.pk, m.pk}
    assert pks(role=Role.PEER_SPECIALIST) == {a.pk, s.pk}
    assert pks(role=Role.HR) == {h.pk}
    assert pks(role="nobody") == pks()  # an unknown role is no filter
    assert pks(status="expiring") == {a.pk}
    assert pks(status="active") == {s.pk, b.pk}
    assert pks(status="expired") == {h.pk}
    assert pks(status="pending") == {m.pk}
    assert pks(status="revoked") == set()
    assert pks(type=str(forever.pk)) == {b.pk, m.pk}
    assert pks(type=str(pr.pk), role=Role.PEER_SPECIALIST, status="active") == {s.pk}
    assert pks(type="nonsense") == pks()


def test_expiring_within_counts_today_and_the_last_day(cast: Cast, pr, forever) -> None:
    people = [ProfileFactory(organization=cast.harbor) for _ in range(7)]
    rows = {}
    for person, offset in zip(people, (-1, 0, 1, 59, 60, 61, 400), strict=True):
        expires_on = TODAY + timedelta(days=offset)
        rows[offset] = _cert(person, pr, min(TODAY, expires_on) - timedelta(days=100), expires_on)
    revoked = _cert(cast.alice, pr, date(2026, 1, 1), TODAY + timedelta(days=5))
    services.certification_revoke(actor=cast.hana.user, certification=revoked, reason="Ended")
    _cert(cast.sid, forever, date(2026, 1, 1))
    listed = [r.pk for r in _roster(cast.hana, expiring_within=60)]
    assert listed == [rows[0].pk, rows[1].pk, rows[59].pk, rows[60].pk]  # soonest first
    assert [r.pk for r in _roster(cast.hana, expiring_within=0)] == [rows[0].pk]


def test_the_roster_sorts_by_expiry_name_or_readiness(cast: Cast, pr, forever) -> None:
    a = _cert(cast.alice, pr, date(2025, 1, 1), TODAY + timedelta(days=5))
    s = _cert(cast.sid, pr, date(2025, 1, 1), TODAY + timedelta(days=10))
    b = _cert(cast.bob, forever, date(2025, 1, 1))
    h = _cert(cast.hana, pr, date(2025, 1, 1), TODAY + timedelta(days=1))
    _ce(cast.alice, date(2025, 6, 1), "10")  # 50%
    _ce(cast.sid, date(2025, 6, 1), "5")  # 25%
    _ce(cast.hana, date(2025, 6, 1), "15")  # 75%

    def order(sort: str) -> list[int]:
        return [r.pk for r in _roster(cast.hana, sort=sort)]

    assert order("expiry") == [h.pk, a.pk, s.pk, b.pk]  # never-expiring last
    assert order("name") == [a.pk, b.pk, h.pk, s.pk]
    assert order("readiness") == [s.pk, a.pk, h.pk, b.pk]
    assert order("drop table") == order("expiry")


def test_the_roster_leaves_out_people_who_left_or_whose_access_is_off(cast: Cast, pr) -> None:
    for person in (cast.alice, cast.sid, cast.bob, cast.mia):
        _cert(person, pr, date(2025, 1, 1))
    cast.sid.employment_status = EmploymentStatus.LEFT
    cast.sid.save()
    User.objects.filter(pk=cast.bob.user_id).update(is_active=False)
    cast.mia.employment_status = EmploymentStatus.ON_LEAVE
    cast.mia.save()
    assert {r.person.chosen_name for r in _roster(cast.hana)} == {"Alice", "Mia"}


def test_the_roster_is_scoped_to_the_organization_and_the_viewer(cast: Cast, pr) -> None:
    for person in (cast.alice, cast.sid, cast.bob):
        _cert(person, pr, date(2025, 1, 1))
    theirs = _type(cast.charlie, "Their credential")
    _cert(cast.carol, theirs, date(2025, 1, 1))

    def names(viewer) -> set[str]:
        return {r.person.chosen_name for r in _roster(viewer)}

    for viewer in (cast.hana, cast.adam, cast.mia):
        assert names(viewer) == {"Alice", "Sid", "Bob"}
    assert names(cast.bob) == {"Alice", "Bob"}  # his supervisee and himself
    assert names(cast.alice) == {"Alice"}
    assert names(cast.charlie) == {"Carol"}


def _read_roster(user: User) -> list[tuple]:
    """Evaluate the roster and read everything a page shows of each row."""
    rows = selectors.roster(user=user, today=TODAY)
    return [(r.person.chosen_name, r.type.name, r.state, r.ce_ethics, r.readiness) for r in rows]


def test_the_roster_runs_a_constant_number_of_queries(
    cast: Cast, pr, module, django_assert_num_queries
) -> None:
    _cert(cast.alice, pr, date(2025, 1, 1))
    _cert(cast.sid, pr, date(2025, 1, 1))
    user = _fresh(cast.hana)
    with CaptureQueriesContext(connection) as queries:
        assert len(_read_roster(user)) == 2
    few = len(queries.captured_queries)
    assert few == 3, "the caller's profile, their roles, then the roster itself"
    for i in range(28):
        person = ProfileFactory(organization=cast.harbor, roles=[Role.PEER_SPECIALIST])
        _cert(person, pr, date(2025, 1, 1))
        _ce(person, date(2025, 2, 1), "2", "ethics", title=f"Course {i % 3}")
        completion_create(
            person=person, module=module, completed_on=date(2025, 3, 1), source="in_app"
        )
    user = _fresh(cast.hana)
    with django_assert_num_queries(few):
        assert len(_read_roster(user)) == 30


# --- missing a required credential ----------------------------------------------------------


def _missing(viewer: StaffProfile, **filters) -> list[tuple[str, str]]:
    return [
        (m.person.chosen_name, m.type.name)
        for m in selectors.missing_required(user=_fresh(viewer), today=TODAY, **filters)
    ]


def test_missing_lists_people_without_a_valid_required_credential(cast: Cast, pr) -> None:
    _cert(cast.sid, pr, date(2025, 1, 1))
    assert _missing(cast.hana) == [("Alice", pr.name)]
    expired = _cert(cast.alice, pr, date(2022, 1, 1), TODAY - timedelta(days=1))
    assert _missing(cast.hana) == [("Alice", pr.name)]
    expired.delete()
    revoked = _cert(cast.alice, pr, date(2025, 1, 1))
    services.certification_revoke(actor=cast.hana.user, certification=revoked, reason="Ended")
    assert _missing(cast.hana) == [("Alice", pr.name)]
    _cert(cast.alice, pr, date(2024, 1, 1), TODAY)  # expires today: still valid today
    assert _missing(cast.hana) == []


def test_a_renewal_replaces_the_cycle_it_follows(cast: Cast, pr) -> None:
    _cert(cast.sid, pr, date(2025, 1, 1))
    old = _cert(cast.alice, pr, date(2025, 1, 1))
    new = services.certification_renew(
        actor=cast.hana.user, certification=old, issued_on=date(2026, 1, 1)
    )
    assert _missing(cast.hana) == []
    services.certification_revoke(actor=cast.hana.user, certification=new, reason="Ended")
    assert _missing(cast.hana) == [("Alice", pr.name)]


def test_missing_never_crosses_organizations(cast: Cast, pr) -> None:
    theirs = _type(cast.charlie, "Their credential", required_for=(Role.PEER_SPECIALIST,))
    assert _missing(cast.hana) == [("Alice", pr.name), ("Sid", pr.name)]
    assert _missing(cast.charlie) == [("Carol", theirs.name)]
    with pytest.raises(ValidationError):
        _cert(cast.alice, theirs, date(2025, 1, 1))
    with pytest.raises(ValidationError):
        _cert(cast.carol, pr, date(2025, 1, 1), by=cast.charlie)
    assert _missing(cast.charlie) == [("Carol", theirs.name)]


def test_missing_follows_roles_and_leaves_out_who_left(cast: Cast) -> None:
    both = _type(cast.hana, "First aid", required_for=(Role.PEER_SPECIALIST, Role.SUPERVISOR))
    _type(cast.hana, "Optional")
    archived = _type(cast.hana, "Retired credential", required_for=(Role.HR,))
    services.certification_type_archive(actor=cast.hana.user, type=archived)
    assert _missing(cast.hana) == [("Alice", both.name), ("Bob", both.name), ("Sid", both.name)]
    assert _missing(cast.hana, role=Role.SUPERVISOR) == [("Bob", both.name)]
    assert _missing(cast.hana, role=Role.HR) == []
    cast.sid.employment_status = EmploymentStatus.LEFT
    cast.sid.save()
    User.objects.filter(pk=cast.bob.user_id).update(is_active=False)
    assert _missing(cast.hana) == [("Alice", both.name)]


def test_a_credential_waiting_for_hr_is_still_missing_until_verified(cast: Cast, pr) -> None:
    _cert(cast.sid, pr, date(2025, 1, 1))
    pending = _cert(cast.alice, pr, date(2026, 1, 1), by=cast.alice)
    (missing,) = selectors.missing_required(user=_fresh(cast.hana), today=TODAY)
    assert (missing.person, missing.lapsed, missing.state) == (cast.alice, pending, "pending")
    services.certification_verify(actor=cast.hana.user, certification=pending)
    assert _missing(cast.hana) == []


def test_missing_points_at_the_lapsed_cycle(cast: Cast, pr) -> None:
    _cert(cast.sid, pr, date(2025, 1, 1))
    expired = _cert(cast.alice, pr, date(2022, 1, 1), TODAY - timedelta(days=1))
    (missing,) = selectors.missing_required(user=_fresh(cast.hana), today=TODAY)
    assert (missing.person, missing.lapsed, missing.state) == (cast.alice, expired, "expired")


# --- CE entries ------------------------------------------------------------------------------


def test_a_holders_ce_entry_waits_for_hr(cast: Cast) -> None:
    entry = _ce(
        cast.alice,
        date(2026, 11, 1),
        "2.5",
        "ethics",
        title="  Ethics in  Peer Work ",
        provider="NAADAC ",
        by=cast.alice,
    )
    entry.refresh_from_db()
    assert (entry.status, entry.source, entry.added_by) == ("pending", "external", cast.alice)
    assert (entry.reviewed_by, entry.reviewed_at) == (None, None)
    assert (entry.title, entry.provider, entry.hours) == (
        "Ethics in  Peer Work",
        "NAADAC",
        Decimal("2.5"),
    )
    assert entry.course_key == "ethics in peer work|naadac"


def test_hr_and_admins_add_approved_ce_entries(cast: Cast) -> None:
    entry = _ce(cast.alice, date(2026, 11, 1), "2", by=cast.hana)
    assert (entry.status, entry.reviewed_by, entry.reviewed_at) == ("approved", cast.hana, NOW)
    entry = _ce(cast.alice, date(2026, 11, 1), "2", by=cast.adam, title="Another")
    assert (entry.status, entry.reviewed_by) == ("approved", cast.adam)


def test_hr_approves_or_declines_with_a_reason(cast: Cast) -> None:
    first = _ce(cast.alice, date(2026, 11, 1), "2", by=cast.alice, title="First")
    second = _ce(cast.alice, date(2026, 11, 2), "2", by=cast.alice, title="Second")
    services.ce_entry_review(actor=cast.hana.user, entry=first, approve=True)
    first.refresh_from_db()
    assert (first.status, first.reviewed_by, first.reviewed_at) == ("approved", cast.hana, NOW)
    with pytest.raises(ValidationError) as caught:
        services.ce_entry_review(actor=cast.adam.user, entry=second, approve=False, reason=" ")
    assert "reason" in caught.value.message_dict
    second.refresh_from_db()
    assert (second.status, second.reviewed_by) == ("pending", None)
    services.ce_entry_review(
        actor=cast.adam.user, entry=second, approve=False, reason=" No certificate "
    )
    second.refresh_from_db()
    assert (second.status, second.decline_reason, second.reviewed_by) == (
        "declined",
        "No certificate",
        cast.adam,
    )
    services.ce_entry_review(actor=cast.hana.user, entry=second, approve=True)
    second.refresh_from_db()
    assert (second.status, second.decline_reason) == ("approved", "")


@pytest.mark.parametrize("actor", ["sid", "bob", "mia", "charlie", "carol"])
def test_only_the_holder_hr_and_admins_add_ce_hours(cast: Cast, actor) -> None:
    with pytest.raises(ValidationError):
        _ce(cast.alice, date(2026, 11, 1), "2", by=cast.by_name(actor))
    assert not CEEntry.objects.exists()


@pytest.mark.parametrize("actor", ["alice", "sid", "bob", "mia", "charlie"])
def test_only_hr_and_admins_of_the_organization_review(cast: Cast, actor) -> None:
    entry = _ce(cast.alice, date(2026, 11, 1), "2", by=cast.alice)
    for approve, reason in ((True, ""), (False, "No")):
        with pytest.raises(ValidationError):
            services.ce_entry_review(
                actor=cast.by_name(actor).user, entry=entry, approve=approve, reason=reason
            )
    entry.refresh_from_db()
    assert (entry.status, entry.reviewed_by) == ("pending", None)


def test_hr_approves_the_ce_hours_of_a_self_reported_completion(cast: Cast, module) -> None:
    completion = completion_create(
        person=cast.alice,
        module=module,
        completed_on=date(2026, 11, 1),
        source="self_reported",
        recorded_by=cast.alice,
        ce_status=CEStatus.PENDING,
    )
    entry = CEEntry.objects.get(completion=completion)
    assert entry.status == "pending"
    services.ce_entry_review(actor=cast.hana.user, entry=entry, approve=True)
    entry.refresh_from_db()
    assert entry.status == "approved"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"earned_on": TODAY + timedelta(days=1)}, "earned_on"),
        ({"earned_on": None}, "earned_on"),
        ({"hours": "0"}, "hours"),
        ({"hours": "0.1"}, "hours"),
        ({"hours": "-2"}, "hours"),
        ({"hours": "100.5"}, "hours"),
        ({"hours": "lots"}, "hours"),
        ({"title": "  "}, "title"),
        ({"category": "cooking"}, "category"),
    ],
)
@pytest.mark.parametrize("by", ["alice", "hana"])
def test_a_bad_ce_entry_is_refused_whole(cast: Cast, settings, change, field, by) -> None:
    data = {
        "title": "Course",
        "provider": "NAADAC",
        "earned_on": TODAY,
        "hours": "2",
        "category": "general",
        "evidence": _upload(),
        **change,
    }
    with pytest.raises(ValidationError) as caught:
        services.ce_entry_add(actor=cast.by_name(by).user, person=cast.alice, **data)
    assert field in caught.value.message_dict
    assert not CEEntry.objects.exists()
    assert _files(settings) == []


def test_a_ce_entry_keeps_its_certificate_under_a_random_name(cast: Cast, settings) -> None:
    entry = _ce(cast.alice, TODAY, "1", by=cast.alice, evidence=_upload(name="alice-cert.pdf"))
    assert entry.evidence_type == "application/pdf"
    assert entry.evidence.name.startswith("ce-evidence/2026/11/")
    assert "alice" not in entry.evidence.name
    (stored,) = _files(settings)
    assert stored.read_bytes().startswith(b"%PDF-")


# --- evidence files --------------------------------------------------------------------------


def _bad_uploads():
    return [
        pytest.param(lambda: _upload(b"just some text"), "unsupported", id="wrong-type"),
        pytest.param(
            lambda: _upload(b"MZ\x90\x00\x03" + b"\x00" * 200, name="credential.pdf"),
            "unsupported",
            id="renamed-executable",
        ),
        pytest.param(lambda: _upload(_pdf() + b"\x00" * 2000), "too_large", id="oversize"),
        pytest.param(lambda: _upload(_js_pdf()), "active", id="pdf-with-javascript"),
        pytest.param(lambda: _upload(b""), "empty", id="empty"),
    ]


MESSAGE_HINTS = {
    "unsupported": "PDF or a photo",
    "too_large": "larger than",
    "active": "scripts",
    "empty": "empty",
}


@pytest.mark.filterwarnings("ignore:add_js is deprecated:DeprecationWarning")
@pytest.mark.parametrize("upload, problem", _bad_uploads())
def test_bad_evidence_leaves_no_row_and_no_file(cast: Cast, pr, settings, upload, problem) -> None:
    settings.EVIDENCE_MAX_BYTES = len(_pdf()) + 1000
    cert = _cert(cast.alice, pr, date(2026, 1, 1))
    for actor in (cast.alice, cast.hana):
        with pytest.raises(ValidationError) as caught:
            services.evidence_add(actor=actor.user, certification=cert, file=upload())
        assert MESSAGE_HINTS[problem] in caught.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as caught:
        _cert(cast.sid, pr, date(2026, 1, 1), by=cast.sid, evidence=upload())
    assert MESSAGE_HINTS[problem] in caught.value.message_dict["evidence"][0]
    with pytest.raises(ValidationError):
        _ce(cast.alice, TODAY, "1", by=cast.alice, evidence=upload())
    with pytest.raises(ValidationError):
        services.certification_renew(
            actor=cast.hana.user, certification=cert, issued_on=TODAY, evidence=upload()
        )
    assert not CertificationEvidence.objects.exists()
    assert list(Certification.objects.all()) == [cert]
    assert not CEEntry.objects.exists()
    assert _files(settings) == []


def test_evidence_add_needs_a_file(cast: Cast, pr, settings) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 1))
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(actor=cast.alice.user, certification=cert, file=None)
    assert "file" in caught.value.message_dict
    assert not CertificationEvidence.objects.exists()


def test_the_holder_and_hr_add_evidence(cast: Cast, pr, settings) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 1), by=cast.alice, evidence=_upload())
    (first,) = cert.evidence.all()
    assert (first.description, first.uploaded_by, first.content_type) == (
        "Credential",
        cast.alice,
        "application/pdf",
    )
    second = services.evidence_add(
        actor=cast.hana.user, certification=cert, file=_upload(), description=" Renewal letter "
    )
    assert (second.description, second.uploaded_by) == ("Renewal letter", cast.hana)
    assert second.file.name.startswith("certification-evidence/2026/11/")
    assert "credential" not in second.file.name
    assert len(_files(settings)) == 2


@pytest.mark.parametrize("actor", ["sid", "bob", "mia", "charlie"])
def test_others_cant_add_evidence(cast: Cast, pr, settings, actor) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 1))
    with pytest.raises(ValidationError):
        services.evidence_add(actor=cast.by_name(actor).user, certification=cert, file=_upload())
    assert not CertificationEvidence.objects.exists()
    assert _files(settings) == []


EVIDENCE_READERS = [
    ("alice", True),
    ("hana", True),
    ("adam", True),
    ("sid", False),
    ("mia", False),
    ("bob", False),
    ("charlie", False),
    ("carol", False),
]


@pytest.mark.parametrize("viewer, allowed", EVIDENCE_READERS)
def test_certification_evidence_opens_only_for_the_holder_hr_and_admins(
    cast: Cast, pr, viewer, allowed
) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 1), by=cast.alice, evidence=_upload())
    evidence = cert.evidence.get()
    user = _fresh(cast.by_name(viewer))
    if allowed:
        assert certification_access.get_certification_evidence(user, evidence.pk) == evidence
    else:
        with pytest.raises(Http404):
            certification_access.get_certification_evidence(user, evidence.pk)
    assert (
        certification_access.get_certification(_fresh(cast.bob), cert.pk) == cert
    )  # bob reads the record
    with pytest.raises(Http404):
        certification_access.get_certification_evidence(user, "nonsense")


@pytest.mark.parametrize("viewer, allowed", EVIDENCE_READERS)
def test_ce_evidence_opens_only_for_the_holder_hr_and_admins(cast: Cast, viewer, allowed) -> None:
    entry = _ce(cast.alice, TODAY, "1", by=cast.alice, evidence=_upload())
    bare = _ce(cast.alice, TODAY, "1", by=cast.alice, title="Without a certificate")
    user = _fresh(cast.by_name(viewer))
    if allowed:
        assert certification_access.get_ce_evidence(user, entry.pk) == entry
    else:
        with pytest.raises(Http404):
            certification_access.get_ce_evidence(user, entry.pk)
    with pytest.raises(Http404):
        certification_access.get_ce_evidence(user, bare.pk)  # no file: nothing to open


def test_evidence_isnt_found_for_someone_whose_access_is_off(cast: Cast, pr) -> None:
    cert = _cert(cast.alice, pr, date(2026, 1, 1), by=cast.alice, evidence=_upload())
    User.objects.filter(pk=cast.alice.user_id).update(is_active=False)
    with pytest.raises(Http404):
        certification_access.get_certification_evidence(_fresh(cast.alice), cert.evidence.get().pk)


# --- presets and types -----------------------------------------------------------------------


def test_installing_the_icrc_preset(cast: Cast) -> None:
    assert services.certification_presets_install(actor=cast.hana.user, keys=[ICRC]) == 1
    type = CertificationType.objects.get(organization=cast.harbor)
    assert (type.name, type.preset_key, type.validity_months) == (
        "IC&RC Peer Recovery (PR)",
        ICRC,
        24,
    )
    assert (type.ce_hours_required, type.renewal_window_days) == (Decimal("20"), 90)
    assert type.milestones == [90, 60, 30, 7, 0]
    assert [(m.category, m.hours) for m in type.category_minimums.all()] == [
        ("ethics", Decimal("6"))
    ]
    assert selectors.requirement_roles(type) == [Role.PEER_SPECIALIST]
    assert _missing(cast.hana) == [("Alice", type.name), ("Sid", type.name)]
    assert services.certification_presets_install(actor=cast.adam.user, keys=[ICRC]) == 0
    assert CertificationType.objects.filter(organization=cast.harbor).count() == 1


def test_installing_every_preset(cast: Cast) -> None:
    keys = ["icrc-peer-recovery", "state-cps", "cpr-first-aid", "mandated-reporter", "unknown"]
    assert services.certification_presets_install(actor=cast.hana.user, keys=keys) == 4
    types = {t.preset_key: t for t in CertificationType.objects.filter(organization=cast.harbor)}
    assert (
        types["state-cps"].provisional_months,
        types["state-cps"].provisional_supervised_hours,
    ) == (
        6,
        Decimal("250"),
    )
    assert types["mandated-reporter"].expires is False
    assert types["cpr-first-aid"].renewal_window_days == 60
    assert services.certification_presets_install(actor=cast.hana.user, keys=keys) == 0


def test_another_organization_installs_into_its_own(cast: Cast) -> None:
    services.certification_presets_install(actor=cast.hana.user, keys=[ICRC])
    assert services.certification_presets_install(actor=cast.charlie.user, keys=[ICRC]) == 1
    theirs = CertificationType.objects.get(organization=cast.elsewhere)
    assert theirs.preset_key == ICRC
    assert CertificationType.objects.filter(organization=cast.harbor).count() == 1
    assert _missing(cast.charlie) == [("Carol", theirs.name)]


def test_a_preset_doesnt_replace_a_type_of_the_same_name(cast: Cast) -> None:
    _type(cast.hana, "IC&RC Peer Recovery (PR)", validity_months=36)
    assert services.certification_presets_install(actor=cast.hana.user, keys=[ICRC]) == 0
    type = CertificationType.objects.get(organization=cast.harbor)
    assert (type.validity_months, type.preset_key) == (36, "")


def test_presets_install_from_any_iterable_of_keys(cast: Cast) -> None:
    keys = (key for key in ["state-cps", "cpr-first-aid"])
    assert services.certification_presets_install(actor=cast.hana.user, keys=keys) == 2


def test_an_installed_preset_is_an_ordinary_editable_type(cast: Cast) -> None:
    services.certification_presets_install(actor=cast.hana.user, keys=[ICRC])
    type = CertificationType.objects.get(organization=cast.harbor)
    services.certification_type_save(
        actor=cast.adam.user,
        type=type,
        data={"ce_hours_required": "30", "validity_months": 36, "milestones": [60, 14]},
        required_for=[Role.PEER_SPECIALIST, Role.SUPERVISOR],
        minimums={"ethics": "8", "trauma": "2", "cultural": "0"},
    )
    type.refresh_from_db()
    assert (type.ce_hours_required, type.validity_months, type.milestones) == (
        Decimal("30"),
        36,
        [60, 14],
    )
    assert type.preset_key == ICRC
    assert sorted((m.category, m.hours) for m in type.category_minimums.all()) == [
        ("ethics", Decimal("8")),
        ("trauma", Decimal("2")),
    ]
    assert sorted(selectors.requirement_roles(type)) == [Role.PEER_SPECIALIST, Role.SUPERVISOR]
    services.certification_type_save(actor=cast.hana.user, type=type, data={}, required_for=[])
    assert selectors.requirement_roles(type) == []
    assert not type.category_minimums.exists()


@pytest.mark.parametrize("actor", ["alice", "sid", "bob", "mia"])
def test_specialists_supervisors_and_managers_cant_manage_types(cast: Cast, actor) -> None:
    user = cast.by_name(actor).user
    with pytest.raises(ValidationError):
        services.certification_presets_install(actor=user, keys=[ICRC])
    with pytest.raises(ValidationError):
        _type(cast.by_name(actor))
    assert not CertificationType.objects.exists()
    type = _type(cast.hana)
    with pytest.raises(ValidationError):
        services.certification_type_save(
            actor=user, type=type, data={"name": "Renamed"}, required_for=[]
        )
    with pytest.raises(ValidationError):
        services.certification_type_archive(actor=user, type=type)
    type.refresh_from_db()
    assert (type.name, type.archived_at) == ("Peer Recovery", None)


def test_another_organization_cant_edit_or_archive_a_type(cast: Cast, pr) -> None:
    with pytest.raises(ValidationError):
        services.certification_type_save(
            actor=cast.charlie.user, type=pr, data={"name": "Mine now"}, required_for=[]
        )
    with pytest.raises(ValidationError):
        services.certification_type_archive(actor=cast.charlie.user, type=pr)
    pr.refresh_from_db()
    assert (pr.name, pr.organization, pr.archived_at) == ("Peer Recovery", cast.harbor, None)


@pytest.mark.parametrize(
    "data, extra, field",
    [
        pytest.param(
            {"ce_hours_required": "10"},
            {"minimums": {"ethics": "6", "trauma": "5"}},
            "minimums",
            id="minimums-over-the-total",
        ),
        pytest.param(
            {"ce_hours_required": "0"}, {"minimums": {"ethics": "1"}}, "minimums", id="no-total"
        ),
        pytest.param({}, {"minimums": {"cooking": "1"}}, "minimums", id="unknown-category"),
        pytest.param({}, {"minimums": {"ethics": "some"}}, "minimums", id="minimum-not-a-number"),
        pytest.param({}, {"minimums": {"ethics": "-1"}}, "minimums", id="negative-minimum"),
        pytest.param({"provisional_months": 6}, {}, "provisional_months", id="months-only"),
        pytest.param(
            {"provisional_supervised_hours": "250"}, {}, "provisional_months", id="hours-only"
        ),
        pytest.param({"milestones": [90, -1]}, {}, "milestones", id="negative-milestone"),
        pytest.param({"milestones": [731]}, {}, "milestones", id="milestone-too-far"),
        pytest.param({"milestones": []}, {}, "milestones", id="no-milestones"),
        pytest.param({"milestones": ["90"]}, {}, "milestones", id="milestone-string"),
        pytest.param({"milestones": [1.5]}, {}, "milestones", id="milestone-fraction"),
        pytest.param({"milestones": "90, 60"}, {}, "milestones", id="milestones-not-a-list"),
        pytest.param({"validity_months": 0}, {}, "validity_months", id="zero-validity"),
        pytest.param({"ce_hours_required": "-1"}, {}, "ce_hours_required", id="negative-hours"),
        pytest.param({"name": ""}, {}, "name", id="no-name"),
        pytest.param({}, {"required_for": ["boss"]}, "required_for", id="unknown-role"),
    ],
)
def test_a_bad_type_is_refused_whole(cast: Cast, data, extra, field) -> None:
    with pytest.raises(ValidationError) as caught:
        _type(cast.hana, **{**data, **extra})
    assert field in caught.value.message_dict
    assert not CertificationType.objects.exists()


def test_a_bad_edit_changes_nothing(cast: Cast, pr) -> None:
    cert = _cert(cast.alice, pr, date(2025, 1, 1))
    with pytest.raises(ValidationError):
        services.certification_type_save(
            actor=cast.hana.user,
            type=CertificationType.objects.get(pk=pr.pk),
            data={"milestones": [30], "ce_hours_required": "4"},
            required_for=[],
            minimums={"ethics": "6"},
        )
    pr.refresh_from_db()
    cert.refresh_from_db()
    assert (pr.milestones, pr.ce_hours_required) == ([90, 60, 30, 7, 0], Decimal("20"))
    assert cert.notice_on == cert.expires_on - timedelta(days=90)
    assert selectors.requirement_roles(pr) == [Role.PEER_SPECIALIST]
    assert pr.category_minimums.get().hours == Decimal("6")


def test_type_names_are_unique_within_an_organization(cast: Cast, pr) -> None:
    with pytest.raises(ValidationError):
        _type(cast.adam, "Peer Recovery")
    assert _type(cast.charlie, "Peer Recovery").organization == cast.elsewhere


def test_a_minimum_that_is_not_a_number_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        _type(cast.hana, minimums={"ethics": "NaN"})
