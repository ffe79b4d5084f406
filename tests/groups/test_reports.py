"""Safety reports: filed without an account, routed to the liaison and the safeguarding leads
and never the facilitators, opened later only with the receipt code, answered both ways."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from groups import access as groups_access
from groups import reports
from groups.models import ReportRead, SafetyReport
from notifications.models import Delivery
from notifications.services import dispatch_run
from tests.cache_faults import FAULTS, failing_redis
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import Role


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()  # rate limits are counted in the cache
    yield
    cache.clear()


@pytest.fixture
def lead(cast: Cast):
    return ProfileFactory(
        organization=cast.harbor,
        chosen_name="Lee",
        user__email="lee@harbor.example",
        roles=[Role.SAFEGUARDING],
    )


def _file(group, what="Someone followed me out of the building.", **extra):
    return reports.report_submit(group=group, data=reports.ReportInput(what=what, **extra))


@pytest.fixture(autouse=True)
def _bob_supervises_alice_since_january(cast: Cast) -> None:
    from datetime import date

    from supervision.models import SupervisorAssignment

    SupervisorAssignment.objects.filter(supervisor=cast.bob).update(starts_on=date(2026, 1, 1))


def test_a_report_reaches_the_liaison_and_the_lead_never_the_facilitators(cast: Cast, group, lead):
    submitted = _file(group)
    readers = {
        p.chosen_name
        for p in (
            cast.alice,
            cast.bob,
            cast.sid,
            cast.mia,
            cast.hana,
            cast.adam,
            lead,
            cast.charlie,
        )
        if groups_access.reports_visible_to(p.user).filter(pk=submitted.report.pk).exists()
    }
    assert readers == {"Sid", "Lee"}  # not Alice (she facilitates it), not managers or admins


def test_about_the_liaison_it_goes_to_the_lead_alone(cast: Cast, group, lead) -> None:
    submitted = _file(group, safeguarding_only=True)
    assert not groups_access.reports_visible_to(cast.sid.user).exists()
    assert groups_access.reports_visible_to(lead.user).get() == submitted.report


def test_a_lead_who_facilitates_the_group_doesnt_read_it(cast: Cast, group, lead) -> None:
    from groups.models import Facilitator

    Facilitator.objects.create(organization=cast.harbor, group=group, person=lead)
    _file(group)
    assert not groups_access.reports_visible_to(lead.user).exists()


def test_nothing_about_the_reporter_and_nothing_readable_in_the_database(cast: Cast, group):
    response = Client(REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Secret Phone 1.0").post(
        f"/report/{group.public_code}/",
        {"what": "The facilitator shouted at a member.", "contact": "call after 6, 555-0177"},
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    receipt = re.search(r"<code>([a-z0-9-]+)</code>", response.content.decode()).group(1)
    assert len(receipt.replace("-", "")) == 24
    report = SafetyReport.objects.get()
    columns = {f.name for f in SafetyReport._meta.get_fields()}
    assert not columns & {"ip", "ip_address", "user_agent", "reporter", "user", "session"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT what, contact, receipt_lookup, receipt_hash FROM groups_safetyreport"
        )
        what, contact, lookup, stored = cursor.fetchone()
    assert "shouted" not in what and "555-0177" not in contact  # encrypted at rest
    secret = receipt.replace("-", "")[4:]
    assert lookup == receipt.replace("-", "")[:4] and secret not in stored
    assert stored.startswith("scrypt$")  # a slow hash, never the code
    dump = " ".join(str(v) for v in SafetyReport.objects.values_list().get())
    assert "203.0.113.9" not in dump and "Secret Phone" not in dump
    assert report.what == "The facilitator shouted at a member."


def test_the_receipt_opens_its_report_and_nothing_else(cast: Cast, group) -> None:
    first, second = _file(group), _file(group, what="A second worry.")
    assert reports.report_open(group=group, receipt=reports.shown(first.receipt)) == first.report
    spaced = " ".join(first.receipt.upper())
    assert reports.report_open(group=group, receipt=spaced) == first.report
    wrong = first.receipt[:4] + second.receipt[4:]  # a real lookup, someone else's secret
    assert reports.report_open(group=group, receipt=wrong) is None
    assert reports.report_open(group=group, receipt="nonsense") is None
    other = _other_group(cast)
    assert reports.report_open(group=other, receipt=first.receipt) is None


def _other_group(cast: Cast):
    from tests.factories import make_group

    return make_group(cast, name="Another group")


def test_a_wrong_code_costs_what_a_right_one_does(cast: Cast, group, monkeypatch) -> None:
    """Exactly one scrypt either way (counted, not timed: the cost is the hash)."""
    from django.contrib.auth import hashers

    calls = []
    real = hashers.check_password
    monkeypatch.setattr(reports, "check_password", lambda *a, **k: calls.append(1) or real(*a, **k))
    submitted = _file(group)
    for receipt in (submitted.receipt, "x" * 24, "", submitted.receipt[:4] + "a" * 20):
        calls.clear()
        reports.report_open(group=group, receipt=receipt)
        assert len(calls) == 1, receipt


def test_the_reporter_and_the_liaison_talk_through_the_receipt(cast: Cast, group, login, client):
    submitted = _file(group)
    public = Client()
    page = public.post(f"/report/{group.public_code}/check/", {"receipt": submitted.receipt})
    assert page.status_code == 200 and "Received" in page.content.decode()
    public.post(
        f"/report/{group.public_code}/check/",
        {"receipt": submitted.receipt, "text": "It happened again on Tuesday."},
    )
    login(cast.sid)
    detail = client.get(f"/groups/reports/{submitted.report.ref}/").content.decode()
    assert "Someone followed me" in detail and "It happened again on Tuesday." in detail
    client.post(
        f"/groups/reports/{submitted.report.ref}/reply/",
        {"text": "Thank you. We've changed the room."},
    )
    page = public.post(f"/report/{group.public_code}/check/", {"receipt": submitted.receipt})
    text = page.content.decode()
    assert "changed the room" in text and "Being looked into" in text
    # The reporter sees "the organization", not who answered. (A word: the page's random CSRF
    # token and receipt words may hold the letters "Sid" by chance.)
    assert not re.search(r"\bSid\b", text)
    assert ReportRead.objects.filter(reader=cast.sid, report=submitted.report).count() == 1


def test_a_wrong_receipt_is_a_404_that_shows_nothing(cast: Cast, group) -> None:
    _file(group)
    response = Client().post(f"/report/{group.public_code}/check/", {"receipt": "aaaa-bbbb"})
    assert response.status_code == 404
    assert "Someone followed me" not in response.content.decode()
    assert Client().get("/report/nosuchcode/").status_code == 404


def test_closing_needs_a_summary_the_reporter_then_reads(cast: Cast, group, lead) -> None:
    submitted = _file(group)
    with pytest.raises(ValidationError):
        reports.report_update(
            actor=lead.user, report=submitted.report, status="closed", notes="", closing_summary=""
        )
    reports.report_update(
        actor=lead.user,
        report=submitted.report,
        status="closed",
        notes="Spoke with the venue.",
        closing_summary="We spoke with the venue; the side door is now staffed.",
    )
    page = Client().post(f"/report/{group.public_code}/check/", {"receipt": submitted.receipt})
    text = page.content.decode()
    assert "side door is now staffed" in text and "Spoke with the venue" not in text
    with pytest.raises(ValidationError):
        reports.reporter_reply(report=SafetyReport.objects.get(), text="One more thing")


@pytest.mark.parametrize(
    ("what", "field"),
    [
        ("", "what"),
        ("   ", "what"),
        ("x" * 5001, "what"),
        ("bad\x00bytes", "what"),
        ("\x07\x08", "what"),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_saved(cast: Cast, group, what, field) -> None:
    with pytest.raises(ValidationError) as error:
        _file(group, what=what)
    assert field in error.value.error_dict
    assert not SafetyReport.objects.exists()


def test_the_form_says_what_was_wrong(cast: Cast, group) -> None:
    response = Client().post(f"/report/{group.public_code}/", {"what": "", "contact": "x" * 400})
    assert response.status_code == 400
    assert "Please check the following" in response.content.decode()
    assert not SafetyReport.objects.exists()


def test_a_script_that_fills_the_honeypot_saves_nothing(cast: Cast, group) -> None:
    response = Client().post(
        f"/report/{group.public_code}/", {"what": "Buy cheap things", "x_extra": "http://spam"}
    )
    assert response.status_code == 200 and "<code>" in response.content.decode()
    assert not SafetyReport.objects.exists()


def test_a_flood_is_stopped_per_group_and_hour(cast: Cast, group, time_machine, monkeypatch):
    monkeypatch.setattr(reports, "SUBMISSIONS_PER_HOUR", 3)  # the mechanism, at a small limit
    time_machine.move_to("2027-01-05T15:00:00Z", tick=False)
    for _n in range(reports.SUBMISSIONS_PER_HOUR):
        _file(group)
    response = Client().post(f"/report/{group.public_code}/", {"what": "One more"})
    assert response.status_code == 429 and "try again" in response.content.decode()
    assert SafetyReport.objects.count() == reports.SUBMISSIONS_PER_HOUR
    time_machine.move_to("2027-01-05T16:01:00Z", tick=False)
    assert Client().post(f"/report/{group.public_code}/", {"what": "Later"}).status_code == 200


def test_guessing_receipts_is_stopped_per_group_and_hour(cast, group, time_machine, monkeypatch):
    monkeypatch.setattr(reports, "FAILED_CHECKS_PER_HOUR", 3)
    time_machine.move_to("2027-01-05T15:00:00Z", tick=False)
    for _n in range(reports.FAILED_CHECKS_PER_HOUR):
        Client().post(f"/report/{group.public_code}/check/", {"receipt": "a" * 24})
    response = Client().post(f"/report/{group.public_code}/check/", {"receipt": "a" * 24})
    assert response.status_code == 429


def test_waiting_reports_are_announced_once_an_hour_with_nothing_in_them(
    cast: Cast, group, lead
) -> None:
    at = datetime(2027, 1, 5, 15, 10, tzinfo=UTC)
    for minutes in (0, 5, 20):
        with time_machine.travel(at + timedelta(minutes=minutes), tick=False):
            _file(group, what=f"Report {minutes}: details nobody should email.")
            dispatch_run()
    with time_machine.travel(at + timedelta(minutes=55), tick=False):
        _file(group, what="Report in the next hour")
    with time_machine.travel(at + timedelta(minutes=56), tick=False):
        dispatch_run()
    sent = sorted(
        (d.recipient.email, d.due_slot.hour)
        for d in Delivery.objects.filter(kind="safety-report").select_related("recipient")
    )
    assert sent == [
        ("lee@harbor.example", 15),
        ("lee@harbor.example", 16),
        ("sid@harbor.example", 15),
        ("sid@harbor.example", 16),
    ]
    assert not Delivery.objects.filter(kind="safety-report", recipient=cast.alice.user).exists()
    for message in mail.outbox:
        assert "details nobody should email" not in message.body
        assert group.name not in message.body and group.name not in message.subject


def test_an_org_admin_names_a_safeguarding_lead(cast: Cast, group, login, client) -> None:
    login(cast.adam)
    response = client.post(f"/people/{cast.mia.pk}/roles/", {"roles": ["manager", "safeguarding"]})
    assert response.status_code == 302
    from workforce.models import User

    submitted = _file(group)
    mia = User.objects.get(pk=cast.mia.user_id)  # read afresh: her roles changed
    assert groups_access.reports_visible_to(mia).get() == submitted.report
    client.logout()
    login(cast.mia)
    assert client.get("/groups/reports/").status_code == 200


def test_a_report_nobody_would_read_is_refused_not_swallowed(cast: Cast, group) -> None:
    from groups.models import Liaison

    with pytest.raises(ValidationError) as error:
        _file(group, safeguarding_only=True)  # Harbor has no safeguarding lead
    assert [e.code for e in error.value.error_dict["what"]] == ["no_reader"]
    page = Client().get(f"/report/{group.public_code}/").content.decode()
    assert "safeguarding_only" not in page  # nobody to send it to alone: not offered
    Liaison.objects.filter(group=group).delete()
    page = Client().get(f"/report/{group.public_code}/").content.decode()
    assert 'data-testid="no-reader"' in page and "<textarea" not in page
    assert not SafetyReport.objects.exists()


def test_nobody_gives_themselves_earlier_reports(cast: Cast, group, lead) -> None:
    from groups import services

    with time_machine.travel("2027-01-05T15:20:00Z", tick=False):
        earlier = _file(group, what="Before anyone changed roles.").report
    with time_machine.travel("2027-01-06T15:00:00Z", tick=False):
        services.liaisons_set(actor=cast.mia.user, group=group, people=[cast.sid, cast.mia])
    # mia made herself liaison after the report: it isn't hers to read.
    assert not groups_access.reports_visible_to(cast.mia.user).filter(pk=earlier.pk).exists()
    assert groups_access.reports_visible_to(cast.sid.user).filter(pk=earlier.pk).exists()
    # alice facilitated the group when it was filed: never hers, whatever she becomes.
    with time_machine.travel("2027-01-07T15:00:00Z", tick=False):
        services.facilitators_set(actor=cast.mia.user, group=group, people=[], lead=None)
        services.liaisons_set(actor=cast.mia.user, group=group, people=[cast.sid, cast.alice])
    assert not groups_access.reports_visible_to(cast.alice.user).filter(pk=earlier.pk).exists()


def test_a_lead_reads_from_the_hour_they_became_one(cast: Cast, group) -> None:
    from workforce.models import RoleGrant, User

    with time_machine.travel("2027-01-05T15:20:00Z", tick=False):
        earlier = _file(group).report
    with time_machine.travel("2027-01-06T15:00:00Z", tick=False):
        RoleGrant.objects.create(profile=cast.adam, role=Role.SAFEGUARDING)
        later = _file(group, what="After.").report
    adam = User.objects.get(pk=cast.adam.user_id)
    assert list(groups_access.reports_visible_to(adam)) == [later]
    assert earlier.created_at.minute == 0 and earlier.created_at.second == 0  # to the hour


def test_a_liaison_who_is_also_a_lead_never_reads_a_report_about_themselves(cast: Cast, group):
    from workforce.models import RoleGrant, User

    with time_machine.travel("2027-01-04T15:00:00Z", tick=False):
        RoleGrant.objects.create(profile=cast.sid, role=Role.SAFEGUARDING)
    lead = ProfileFactory(organization=cast.harbor, chosen_name="Lee", roles=[Role.SAFEGUARDING])
    with time_machine.travel("2027-01-05T15:00:00Z", tick=False):
        about_sid = _file(group, what="About the liaison.", safeguarding_only=True).report
    sid = User.objects.get(pk=cast.sid.user_id)
    assert not groups_access.reports_visible_to(sid).filter(pk=about_sid.pk).exists()
    assert groups_access.reports_visible_to(lead.user).filter(pk=about_sid.pk).exists()


def test_the_organization_never_counts_report_notifications(cast: Cast, group, lead) -> None:
    from notifications import registry

    assert "safety-report" in registry.private_kind_names()


def test_a_refreshed_form_files_nothing_twice(cast: Cast, group) -> None:
    public = Client()
    body = {"what": "Once only, please.", "nonce": "n0nce-value-1"}
    first = public.post(f"/report/{group.public_code}/", body)
    again = public.post(f"/report/{group.public_code}/", body)
    assert "<code>" in first.content.decode() and "<code>" not in again.content.decode()
    assert "Already sent" in again.content.decode()
    assert SafetyReport.objects.count() == 1


def test_a_reporters_reply_is_announced_too(cast: Cast, group, lead) -> None:
    at = datetime(2027, 1, 5, 15, 10, tzinfo=UTC)
    with time_machine.travel(at, tick=False):
        submitted = _file(group)
        dispatch_run()
    with time_machine.travel(at + timedelta(hours=3), tick=False):
        reports.reporter_reply(report=submitted.report, text="He is outside again.")
        dispatch_run()
    hours = sorted(
        d.due_slot.hour
        for d in Delivery.objects.filter(kind="safety-report", recipient=cast.sid.user)
    )
    assert hours == [15, 18]


def test_a_reports_address_says_nothing_about_how_many_there_are(cast, group, lead, login, client):
    first, second = _file(group).report, _file(group, what="Another.").report
    assert first.ref != second.ref and not first.ref.isdigit() and len(first.ref) >= 16
    login(lead)
    assert client.get(f"/groups/reports/{first.ref}/").status_code == 200
    assert client.get(f"/groups/reports/{first.pk}/").status_code == 404
    assert client.get(f"/api/v1/groups/reports/{second.pk}/").status_code == 404


@pytest.mark.parametrize("fault", FAULTS)
def test_a_report_is_filed_while_the_cache_is_down(cast: Cast, group, settings, fault) -> None:
    """The limits and the double-send check live in the cache. With Redis refusing, or taking
    the connection and never answering, they go unchecked: the report is filed, its receipt
    shown, and the receipt opens it."""
    with failing_redis(fault) as caches:
        settings.CACHES = caches
        public = Client()
        body = {"what": "Filed while the cache was down.", "nonce": "n0nce-down-1"}
        page = public.post(f"/report/{group.public_code}/", body)
        receipt = re.search(r"<code>([^<]+)</code>", page.content.decode())
        assert page.status_code == 200 and receipt
        check = public.post(f"/report/{group.public_code}/check/", {"receipt": receipt[1]})
    assert check.status_code == 200 and "Received" in check.content.decode()
    assert SafetyReport.objects.get().what == "Filed while the cache was down."
