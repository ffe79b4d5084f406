"""Certification journeys in a real browser: HR sets up a credential, records Alice's with its
file, finds it on the roster among those expiring soon and hands on the PDF report; a specialist
adds CE hours from an outside course, HR approves them, and her renewal readiness moves."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

from playwright.sync_api import Page, expect
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from core import dates
from tests.browser.menus import open_menu, team_link
from workforce.certifications import services
from workforce.models import Certification, CertificationType, Role
from workforce.training.assignments import add_months

CPRS = "Certified Peer Recovery Specialist"
FIRST_AID = "CPR and First Aid"
CREDENTIAL_NUMBER = "CPRS-40213"
ETHICS_COURSE = "Ethics and boundaries in peer work"


def _harbor_today():
    """Harbor House's own date (the cast's organization is in Chicago): what its rules use,
    at any hour the suite runs."""
    return dates.date_in("America/Chicago")


def _pdf(line: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _pdf_upload(name: str, line: str) -> list[dict]:
    return [{"name": name, "mimeType": "application/pdf", "buffer": _pdf(line)}]


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def _sign_out(page: Page) -> None:
    open_menu(page, "Account").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


def _open_roster_from_dashboard(page: Page) -> None:
    page.get_by_role("region", name="HR").get_by_role("link", name="Roster", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certification roster")


def _add_credential_type(page: Page) -> None:
    """On the credential form: 24 months, 20 CE hours of which 6 in ethics, for specialists."""
    page.get_by_label("Name", exact=True).fill(CPRS)
    page.get_by_label("Issuing body").fill("State Certification Board")
    page.get_by_label("Valid for (months)").fill("24")
    page.get_by_label("CE hours per renewal cycle").fill("20")
    page.get_by_label("Of which at least, in Ethics").fill("6")
    page.get_by_role("group", name="Required for").get_by_label("Peer specialist").check()
    page.get_by_role("button", name="Save").click()


def _add_certification(page: Page, *, issued_on: date) -> None:
    """On the add form: the credential, its number, the issue date and the credential's PDF."""
    page.get_by_label("Credential", exact=True).select_option(label=CPRS)
    page.get_by_label("Credential number").fill(CREDENTIAL_NUMBER)
    page.get_by_label("Issued on").fill(issued_on.isoformat())
    page.get_by_label("The credential (PDF or photo)").set_input_files(
        files=_pdf_upload("cprs.pdf", f"{CPRS}: Alice, {CREDENTIAL_NUMBER}")
    )
    page.get_by_role("button", name="Save").click()


def _sid_holds_a_later_one(cast) -> Certification:
    """Sid's certification of the same credential, expiring in four months (not within 60)."""
    today = _harbor_today()
    return services.certification_add(
        actor=cast.hana.user,
        person=cast.sid,
        type=CertificationType.objects.get(organization=cast.harbor, name=CPRS),
        issued_on=today - timedelta(days=600),
        expires_on=today + timedelta(days=120),
        credential_number="CPRS-39987",
    )


def test_it_lets_hr_track_a_credential_and_report_on_those_expiring(
    page, cast, sign_in, axe_check, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Issued so that its 24 months end about 30 days from now: inside the 60-day filter, and
    # inside the first reminder (90 days), so "expiring soon"; far from any day boundary
    # between the test's UTC date and Harbor's local one.
    issued_on = add_months(_harbor_today(), -24) + timedelta(days=30)
    expires_on = add_months(issued_on, 24)

    # The credential, through the types form.
    sign_in(page, cast.hana)
    _open_roster_from_dashboard(page)
    page.get_by_role("link", name="Credentials tracked").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Credentials tracked")
    page.get_by_role("link", name="Add a credential").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a credential")
    axe_check(page)
    _add_credential_type(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Credentials tracked")
    expect(page.get_by_role("status")).to_have_text("Credential saved.")
    row = page.get_by_test_id("types").get_by_role("row").filter(has_text=CPRS)
    expect(row).to_contain_text("24 months")
    expect(row).to_contain_text("20 (6 in Ethics)")
    expect(row).to_contain_text("Peer specialist")
    type = CertificationType.objects.get(organization=cast.harbor, name=CPRS)
    assert type.validity_months == 24
    assert type.ce_hours_required == Decimal("20")
    assert [(m.category, m.hours) for m in type.category_minimums.all()] == [
        ("ethics", Decimal("6"))
    ]
    assert [r.role for r in type.requirements.all()] == [Role.PEER_SPECIALIST]
    _sid_holds_a_later_one(cast)

    # Alice's certification, from her page, with the credential as a PDF.
    team_link(page, "People").click()
    page.get_by_role("link", name="Alice", exact=True).click()
    page.get_by_role("link", name="Alice's certifications and CE hours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alice's certifications")
    missing = page.get_by_test_id("missing")
    expect(missing.get_by_role("heading")).to_have_text("Required, not held")
    expect(missing).to_contain_text(CPRS)
    page.get_by_role("link", name="Add a certification").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a certification")
    expect(page.get_by_text("For Alice")).to_be_visible()
    _add_certification(page, issued_on=issued_on)

    expect(page.get_by_role("heading", level=1)).to_have_text("Alice's certifications")
    expect(page.get_by_role("status")).to_have_text("Certification saved.")
    expect(page.get_by_test_id("missing")).to_have_count(0)
    held = page.get_by_role("region", name=CPRS)
    expect(held.get_by_test_id("status")).to_have_text("Expiring soon")
    expect(held).to_contain_text(CREDENTIAL_NUMBER)
    expect(held).to_contain_text(_day(issued_on))
    expect(held).to_contain_text(_day(expires_on))
    expect(held).to_contain_text("by Hana on")
    expect(held.get_by_role("button", name="Mark as verified")).to_have_count(0)
    expect(held.get_by_role("link", name="Credential", exact=True)).to_be_visible()
    axe_check(page)
    certification = Certification.objects.get(person=cast.alice, type=type)
    assert certification.verified_by == cast.hana
    assert certification.expires_on == expires_on
    assert certification.evidence.get().content_type == "application/pdf"

    # The roster: everyone's, then only what expires within 60 days.
    page.get_by_role("link", name="Roster", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certification roster")
    roster = page.get_by_test_id("roster")
    expect(roster.get_by_role("caption")).to_have_text("2 certifications")
    page.get_by_label("Expiring within (days)").fill("60")
    page.get_by_role("button", name="Filter").click()
    expect(roster.get_by_role("caption")).to_have_text("1 certification")
    expect(page.get_by_label("Expiring within (days)")).to_have_value("60")
    rows = roster.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("link")).to_have_text("Alice")
    expect(rows).to_contain_text(f"{CPRS} · {CREDENTIAL_NUMBER}")
    expect(rows).to_contain_text("Expiring soon")
    expect(rows).to_contain_text(_day(expires_on))
    expect(rows).to_contain_text("0 of 20")
    expect(roster).not_to_contain_text("Sid")
    axe_check(page)

    # The PDF report carries the same filter.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF report").click()
    saved = tmp_path / "roster.pdf"
    download_info.value.save_as(saved)
    text = " ".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "Alice" in text
    assert CPRS in text
    assert CREDENTIAL_NUMBER in text
    assert "expiring within 60 days" in text
    assert "Sid" not in text
    # No roles in a report meant to leave the building: "peer specialist" says survivor.
    assert "Peer specialist" not in text
    assert "Alice Legal" not in text


def _alice_holds_the_credential(cast) -> None:
    """A credential that asks for 20 CE hours (6 in ethics) and another her role asks for;
    she holds the first, issued 200 days ago, with 8 approved hours in it so far."""
    today = _harbor_today()
    cprs = services.certification_type_save(
        actor=cast.hana.user,
        data={"name": CPRS, "validity_months": 24, "ce_hours_required": "20"},
        required_for=[Role.PEER_SPECIALIST],
        minimums={"ethics": "6"},
    )
    services.certification_type_save(
        actor=cast.hana.user,
        data={"name": FIRST_AID, "validity_months": 24},
        required_for=[Role.PEER_SPECIALIST],
    )
    services.certification_add(
        actor=cast.hana.user,
        person=cast.alice,
        type=cprs,
        issued_on=today - timedelta(days=200),
        credential_number=CREDENTIAL_NUMBER,
    )
    services.ce_entry_add(
        actor=cast.hana.user,
        person=cast.alice,
        title="Motivational interviewing",
        provider="State Peer Network",
        earned_on=today - timedelta(days=100),
        hours=Decimal("8"),
        category="general",
    )


def _open_my_certifications(page: Page) -> None:
    main_nav = page.get_by_role("navigation", name="Main")
    main_nav.get_by_role("link", name="Certifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My certifications")


def _readiness(page: Page):
    return page.get_by_role("region", name=CPRS).get_by_test_id("readiness").get_by_role("listitem")


def _add_ethics_course(page: Page, *, earned_on: date) -> None:
    page.get_by_label("Course title").fill(ETHICS_COURSE)
    page.get_by_label("Provider").fill("Midwest Peer Alliance")
    page.get_by_label("Date completed").fill(earned_on.isoformat())
    page.get_by_label("CE hours", exact=True).fill("4")
    page.get_by_label("Category").select_option(label="Ethics")
    page.get_by_label("Certificate of completion (PDF or photo)").set_input_files(
        files=_pdf_upload("ethics.pdf", f"{ETHICS_COURSE}: Alice, 4 CE hours (ethics)")
    )
    page.get_by_role("button", name="Add hours").click()


def test_it_counts_a_specialists_outside_ce_hours_once_hr_approves_them(
    page, cast, sign_in, axe_check, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _alice_holds_the_credential(cast)

    # Alice: what her role asks for, and where her renewal stands.
    sign_in(page, cast.alice)
    _open_my_certifications(page)
    missing = page.get_by_test_id("missing")
    expect(missing.get_by_role("heading")).to_have_text("What your role asks for")
    expect(missing.get_by_role("listitem")).to_have_text(
        f"Your role asks for {FIRST_AID}. When you have it, add it here and HR will check it."
    )
    expect(_readiness(page).nth(0)).to_contain_text("CE hours: 8 of 20 (12 to go)")
    expect(_readiness(page).nth(1)).to_contain_text("Of which Ethics: 0 of 6 (6 to go)")
    axe_check(page)

    # Her ethics course from outside PeerWell: it waits for HR and doesn't count yet.
    page.get_by_role("link", name="Add CE hours from a course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add CE hours from a course")
    expect(page.get_by_text("They count once HR has looked at them.")).to_be_visible()
    axe_check(page)
    _add_ethics_course(page, earned_on=_harbor_today() - timedelta(days=10))

    expect(page.get_by_role("heading", level=1)).to_have_text("My certifications")
    expect(page.get_by_role("status")).to_have_text(
        "CE hours added. They count once HR has looked at them."
    )
    ledger = page.get_by_test_id("ce-ledger")
    course = ledger.get_by_role("row").filter(has_text=ETHICS_COURSE)
    expect(course.get_by_role("cell")).to_have_text(
        [
            _day(_harbor_today() - timedelta(days=10)),
            f"{ETHICS_COURSE} · Midwest Peer Alliance · certificate ({ETHICS_COURSE})",
            "4",
            "Ethics",
            "Waiting for HR",
        ]
    )
    expect(_readiness(page).nth(0)).to_contain_text("CE hours: 8 of 20 (12 to go)")
    _sign_out(page)

    # HR approves it from the queue.
    sign_in(page, cast.hana)
    _open_roster_from_dashboard(page)
    page.get_by_role("link", name="CE hours to review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CE hours to review")
    queue = page.get_by_test_id("ce-pending")
    expect(queue.get_by_role("caption")).to_have_text("1 entry waiting")
    waiting = queue.get_by_role("row").filter(has_text=ETHICS_COURSE)
    expect(waiting.get_by_role("link", name="Alice")).to_be_visible()
    waiting.get_by_role("button", name=f"Approve {ETHICS_COURSE}").click()
    expect(page.get_by_role("status")).to_have_text("Approved.")
    expect(queue.get_by_role("caption")).to_have_text("0 entries waiting")
    expect(queue).to_contain_text("Nothing waiting.")
    _sign_out(page)

    # Alice: the hours count now, in total and toward ethics.
    sign_in(page, cast.alice)
    _open_my_certifications(page)
    expect(_readiness(page).nth(0)).to_contain_text("CE hours: 12 of 20 (8 to go)")
    expect(_readiness(page).nth(1)).to_contain_text("Of which Ethics: 4 of 6 (2 to go)")
    counted = page.get_by_role("region", name=CPRS).locator("details")
    expect(counted.locator("summary")).to_have_text("2 courses counted this cycle")
    row = page.get_by_test_id("ce-ledger").get_by_role("row").filter(has_text=ETHICS_COURSE)
    expect(row.get_by_role("cell").nth(4)).to_have_text("Approved")
    axe_check(page)
