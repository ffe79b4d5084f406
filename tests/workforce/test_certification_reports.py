"""The certification roster as files: the CSV (read back with the csv module) and the PDF for
auditors (read back with pypdf). Both read the roster once, in a constant number of queries;
neither shows another organization's people nor anything beyond names, credentials, dates,
statuses and hours."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from core import pdf as pdf_fonts
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.certifications import reports, services
from workforce.certifications.selectors import roster
from workforce.models import Certification, CertificationType, Role, StaffProfile

TODAY = date(2026, 11, 26)
NOW = datetime.fromisoformat("2026-11-26T15:00:00+00:00")
PR = "IC&RC Peer Recovery (PR)"
CPR = "CPR and first aid"
HEADER = [
    "Name",
    "Roles",
    "Credential",
    "Credential number",
    "Issued",
    "Expires",
    "Days to expiry",
    "Status",
    "CE earned",
    "CE required",
    "Readiness %",
]


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _type(actor: StaffProfile, name: str, ce: str = "0", **minimums: str) -> CertificationType:
    return services.certification_type_save(
        actor=actor.user,
        data={"name": name, "validity_months": 24, "ce_hours_required": ce},
        minimums=minimums,
    )


def _add(person: StaffProfile, type: CertificationType, issued: date, **extra) -> Certification:
    actor = extra.pop("actor", None) or _hr(person)
    return services.certification_add(
        actor=actor.user, person=person, type=type, issued_on=issued, **extra
    )


def _hr(person: StaffProfile) -> StaffProfile:
    return StaffProfile.objects.filter(
        organization_id=person.organization_id, role_grants__role__in=[Role.HR, Role.ORG_ADMIN]
    ).first()


def _ce(person: StaffProfile, title: str, earned: date, hours: str, category: str = "general"):
    return services.ce_entry_add(
        actor=_hr(person).user,
        person=person,
        title=title,
        provider="NAADAC",
        earned_on=earned,
        hours=hours,
        category=category,
    )


@pytest.fixture
def held(cast: Cast) -> dict[str, Certification]:
    """Harbor: alice's PR (active, 10 of 20 CE hours counted), her own CPR (waiting for HR),
    sid's CPR (expiring in 5 days), his old PR (expired) and a revoked one. Elsewhere: carol's
    PR, which Harbor must never see."""
    pr = _type(cast.hana, PR, ce="20", ethics="6")
    cpr = _type(cast.hana, CPR)
    first_aid = _type(cast.hana, "Naloxone")
    rows = {
        "alice_pr": _add(cast.alice, pr, date(2025, 6, 1), credential_number="PR-1001"),
        "alice_cpr": _add(cast.alice, cpr, date(2026, 11, 1), actor=cast.alice),
        "sid_cpr": _add(cast.sid, cpr, date(2024, 12, 1), credential_number="C-77"),
        "sid_pr": _add(cast.sid, pr, date(2024, 1, 1), expires_on=date(2026, 1, 1)),
        "sid_naloxone": _add(cast.sid, first_aid, date(2026, 2, 1)),
    }
    services.certification_revoke(
        actor=cast.hana.user, certification=rows["sid_naloxone"], reason="Issued in error"
    )
    _ce(cast.alice, "Ethics in peer work", date(2026, 3, 1), "6", "ethics")
    _ce(cast.alice, "Ethics in peer work", date(2026, 9, 1), "6", "ethics")  # a repeat: once
    _ce(cast.alice, "Motivational interviewing", date(2026, 5, 1), "4")
    services.ce_entry_add(  # her own, waiting for HR: not counted yet
        actor=cast.alice.user,
        person=cast.alice,
        title="Boundaries",
        provider="",
        earned_on=date(2026, 6, 1),
        hours="3",
        category="general",
    )
    elsewhere = _type(cast.charlie, "Elsewhere credential", ce="10")
    rows["carol"] = _add(cast.carol, elsewhere, date(2026, 1, 1), credential_number="EW-9")
    return rows


def _rows(cast: Cast, **filters) -> object:
    return roster(user=cast.hana.user, today=TODAY, **filters)


def _csv(rows) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(reports.roster_csv(rows=rows, today=TODAY)))))


def _pdf(rows, cast: Cast, filters_text: str = "everyone") -> list[str]:
    data = reports.roster_pdf(
        rows=rows, organization=cast.harbor, today=TODAY, filters_text=filters_text
    )
    assert data.startswith(b"%PDF")
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# --- CSV -------------------------------------------------------------------------------------


def test_it_writes_every_current_certification_with_its_dates_status_and_hours(cast, held):
    header, *lines = _csv(_rows(cast))

    assert header == HEADER
    by_key = {(line[0], line[2]): line for line in lines}
    assert len(lines) == len(by_key) == 5
    assert by_key[("Alice", PR)] == [
        "Alice",
        "Peer specialist",
        PR,
        "PR-1001",
        "2025-06-01",
        "2027-06-01",
        str((date(2027, 6, 1) - TODAY).days),
        "Active",
        "10",  # 6 ethics (the repeat counts once) + 4 general; her pending 3 not yet
        "20",
        "50",
    ]
    assert by_key[("Alice", CPR)][7] == "Waiting for HR to verify"
    assert by_key[("Sid", CPR)][3:8] == ["C-77", "2024-12-01", "2026-12-01", "5", "Expiring soon"]
    assert by_key[("Sid", CPR)][8:] == ["0", "0", "100"]  # nothing to earn: ready
    assert by_key[("Sid", PR)][5:8] == [
        "2026-01-01",
        str((date(2026, 1, 1) - TODAY).days),
        "Expired",
    ]
    assert by_key[("Sid", "Naloxone")][7] == "Revoked"


def test_it_keeps_the_rosters_order_and_filters(cast, held):
    _, *lines = _csv(_rows(cast, sort="expiry"))
    expiries = [line[5] for line in lines]
    assert expiries == sorted(expiries)

    _, *expiring = _csv(_rows(cast, status="expiring"))
    assert [(line[0], line[2]) for line in expiring] == [("Sid", CPR)]


def test_it_neutralizes_cells_a_spreadsheet_would_run_as_formulas(cast, held):
    formula = _type(cast.hana, '=HYPERLINK("http://evil.example","click")')
    mallory = ProfileFactory(organization=cast.harbor, chosen_name="@SUM(A1:A9)")
    _add(mallory, formula, date(2026, 1, 1), credential_number="+1-555-0100")
    _add(mallory, held["alice_pr"].type, date(2026, 1, 1), credential_number="-2")

    _, *lines = _csv(_rows(cast))

    mine = [line for line in lines if "SUM" in line[0]]
    assert {line[0] for line in mine} == {"'@SUM(A1:A9)"}
    assert {line[2] for line in mine} == {'\'=HYPERLINK("http://evil.example","click")', PR}
    assert {line[3] for line in mine} == {"'+1-555-0100", "'-2"}
    # Negative numbers are numbers, not formulas: days past expiry stay as they are.
    assert any(line[6].startswith("-") for line in lines)


def test_it_reads_the_roster_in_the_same_queries_however_many_rows(cast, held):
    def queries() -> int:
        rows = _rows(cast)
        with CaptureQueriesContext(connection) as captured:
            _csv(rows)
        return len(captured)

    few = queries()
    pr = held["alice_pr"].type
    for _ in range(6):
        _add(ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR]), pr, TODAY)

    assert few == queries() == 2  # the rows, and their people's roles


def test_it_streams_in_chunks(cast, held, monkeypatch):
    monkeypatch.setattr(reports, "CHUNK", 2)
    rows = _rows(cast)
    with CaptureQueriesContext(connection) as captured:
        lines = _csv(rows)

    assert len(lines) == 6
    assert len(captured) == 1 + 3  # one for the rows; roles for each chunk of two


def test_it_shows_only_the_callers_organization_and_nothing_private(cast, held):
    text = "".join(reports.roster_csv(rows=_rows(cast), today=TODAY))
    assert "Carol" not in text and "Elsewhere" not in text and "EW-9" not in text
    for private in ("Alice Legal", "she/her", "Robin", "555-0101", "alice@harbor"):
        assert private not in text

    theirs = roster(user=cast.charlie.user, today=TODAY)
    _, *lines = _csv(theirs)
    assert [(line[0], line[2]) for line in lines] == [("Carol", "Elsewhere credential")]


# --- PDF -------------------------------------------------------------------------------------


def test_the_pdf_has_the_title_filters_summary_and_every_row(cast, held):
    (page,) = _pdf(_rows(cast), cast, filters_text="Status: all <any> & role: everyone")

    assert "Certification roster" in page
    assert "Harbor House" in page and "Generated 2026-11-26" in page
    assert "Filters: Status: all <any> & role: everyone" in page
    summary = (
        "Certifications: 5 · Active: 1 · Expiring soon: 1 · Expired: 1 · "
        "Waiting for HR to verify: 1 · Revoked: 1"
    )
    assert summary in " ".join(page.split())
    for text in ("Alice", "Sid", PR, CPR, "Naloxone", "PR-1001", "C-77"):
        assert text in page
    for text in ("2025-06-01", "2027-06-01", "2024-12-01", "2026-12-01", "2026-01-01"):
        assert text in page
    for text in ("Active", "Expiring soon", "Expired", "Waiting for HR to verify", "Revoked"):
        assert text in page
    assert "10 / 20" in page and "0 / 0" in page
    assert "Page 1 of 1" in page


def test_the_pdf_never_shows_another_organization_nor_anything_private(cast, held):
    text = " ".join(_pdf(_rows(cast), cast))

    assert "Carol" not in text and "Elsewhere" not in text and "EW-9" not in text
    for private in ("Alice Legal", "she/her", "Robin", "555-0101", "@harbor", "Peer specialist"):
        assert private not in text


def test_the_pdf_runs_over_pages_with_the_header_and_page_numbers_on_each(cast, held):
    pr = held["alice_pr"].type
    names = [f"Person {i:03d}" for i in range(100)]
    for name in names:
        _add(ProfileFactory(organization=cast.harbor, chosen_name=name), pr, date(2026, 1, 5))

    pages = _pdf(_rows(cast, sort="name"), cast)

    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of 3" in page
        assert "Credential number" in page and "Readiness" in page
    text = "\n".join(pages)
    assert all(text.count(name) == 1 for name in names)
    assert "Certifications: 105" in text


def test_the_pdf_reads_the_roster_in_one_query_and_shortens_what_does_not_fit(cast, held):
    long = _type(cast.hana, "A credential with a very long name " * 4)
    _add(cast.sid, long, date(2026, 1, 1), credential_number="N" * 60)
    rows = _rows(cast)

    with CaptureQueriesContext(connection) as captured:
        (page,) = _pdf(rows, cast)

    assert len(captured) == 1
    lines = page.splitlines()
    (credential,) = [line for line in lines if line.startswith("A credential with")]
    assert credential.endswith("…") and len(credential) < 60
    (number,) = [line for line in lines if line.startswith("NNN")]
    assert number.endswith("…") and len(number) < 60


def test_an_empty_roster_still_makes_a_report(cast, held):
    (page,) = _pdf(_rows(cast, status="expired", type="999"), cast, filters_text="nothing")

    assert "Certifications: 0" in page
    assert "No certifications match these filters." in page
    assert "Page 1 of 1" in page


@pytest.mark.parametrize("unicode_font", [True, False])
def test_names_in_any_alphabet_print_as_written_or_at_worst_without_accents(
    cast, held, settings, unicode_font
):
    """Helvetica draws Windows-1252 only; other names switch to the Unicode font (DejaVu
    Sans, fonts-dejavu-core) cell by cell, or without one, lose their accents: never boxes."""
    if not unicode_font:
        settings.PDF_FONT_DIRS = []
    pdf_fonts.unicode_available.cache_clear()
    pr = held["alice_pr"].type
    for name in ("Nguyễn Thị Lan", "Ольга Петрова", "José Núñez"):
        _add(ProfileFactory(organization=cast.harbor, chosen_name=name), pr, date(2026, 1, 5))
    try:
        text = " ".join(_pdf(_rows(cast, sort="name"), cast))
    finally:
        pdf_fonts.unicode_available.cache_clear()
    assert "José Núñez" in text  # Windows-1252: Helvetica, as it is
    if unicode_font:
        assert "Nguyễn Thị Lan" in text and "Ольга Петрова" in text
    else:
        assert "Nguyen Thi Lan" in text and "????? ???????" in text
    assert "■" not in text


def test_the_font_is_chosen_per_text() -> None:
    assert pdf_fonts.font_for("Alice", "Helvetica") == ("Helvetica", "Alice")
    assert pdf_fonts.font_for("Zoë", "Helvetica-Bold") == ("Helvetica-Bold", "Zoë")
    assert pdf_fonts.font_for("Trần", "Helvetica-Bold") == (pdf_fonts.UNICODE_BOLD, "Trần")
    assert pdf_fonts.plain("Trần Ωmega") == "Tran ?mega"
