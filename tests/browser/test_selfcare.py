"""Self-care journeys in a real browser: a plan over two visits, sharing, a check-in and its
trend; a manager's anonymous view."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from selfcare.models import CheckIn, PlanVersion
from tests.browser.menus import team_link
from tests.factories import ProfileFactory
from workforce.models import Role, StaffProfile


def test_it_lets_a_specialist_build_share_and_unshare_a_plan(
    page, browser, live_server, cast, sign_in, axe_check
):
    sign_in(page, cast.alice)
    page.goto("/self-care/plan/")
    expect(page.get_by_test_id("who-can-see")).to_contain_text(
        "Right now only you can see this plan"
    )
    axe_check(page)
    page.get_by_role("link", name="Start my plan").click()
    axe_check(page)
    page.get_by_label("What I notice when I'm getting depleted").fill("I stop answering friends")
    page.get_by_role("button", name="Save my plan").click()
    expect(page.get_by_role("status")).to_contain_text("Your plan is saved")

    # A second visit, another day: what was written is there; add more.
    page.get_by_role("link", name="Add to or change my plan").click()
    expect(page.get_by_label("What I notice when I'm getting depleted")).to_have_value(
        "I stop answering friends"
    )
    page.get_by_label("My crisis plan").fill("Step outside and breathe")
    page.get_by_label("People I'd rather not contact when I'm struggling").fill("My cousin")
    page.get_by_role("button", name="Save my plan").click()
    assert PlanVersion.objects.filter(plan__owner=cast.alice).count() == 2

    page.get_by_label("Share with").select_option(label="Bob")
    page.get_by_role("button", name="Share my plan").click()
    expect(page.get_by_test_id("who-can-see")).to_contain_text(
        "Right now this plan can be seen by you and: Bob"
    )
    axe_check(page)

    bob = browser.new_context(base_url=live_server.url).new_page()
    sign_in(bob, cast.bob)
    bob.goto("/self-care/plan/")
    bob.get_by_role("link", name="Alice's plan").click()
    expect(bob.get_by_text("Step outside and breathe")).to_be_visible()
    expect(bob.get_by_text("My cousin")).to_have_count(0)
    axe_check(bob)
    shared_url = bob.url

    page.get_by_role("button", name="Stop sharing with Bob").click()
    expect(page.get_by_test_id("who-can-see")).to_contain_text(
        "Right now only you can see this plan"
    )
    assert bob.goto(shared_url).status == 404
    bob.context.close()

    page.goto("/privacy/")
    expect(page.get_by_role("cell", name="Your self-care plan")).to_be_visible()


def test_it_lets_a_specialist_check_in_and_see_their_trend(page, cast, sign_in, axe_check):
    for days, energy in ((3, 4), (2, 3)):
        CheckIn.objects.create(
            organization=cast.harbor,
            owner=cast.alice,
            energy=energy,
            created_at=timezone.now() - timedelta(days=days),
        )
    sign_in(page, cast.alice)
    page.goto("/self-care/check-in/")
    axe_check(page)
    page.get_by_role("group", name="How is your energy today?").get_by_label(
        "1", exact=True
    ).check()
    page.get_by_role("group", name="How has your sleep been lately?").get_by_label(
        "2", exact=True
    ).check()
    page.get_by_label("Anything you want to note for yourself").fill("Long week")
    page.get_by_role("button", name="Save my check-in").click()

    expect(
        page.get_by_role("heading", name="It sounds like things might be heavy right now")
    ).to_be_visible()
    expect(page.locator(".trend svg polyline").first).to_be_visible()
    expect(page.get_by_role("cell", name="Long week")).to_be_visible()
    axe_check(page)


def test_it_shows_a_manager_averages_and_nothing_individual(page, cast, sign_in, axe_check):
    people = ProfileFactory.create_batch(6, organization=cast.harbor, roles=[Role.PEER_SPECIALIST])
    # On staff before the week shown (who counts in a week comes from staff records).
    StaffProfile.objects.filter(pk__in=[p.pk for p in people]).update(
        created_at=timezone.now() - timedelta(days=60)
    )
    for i, person in enumerate(people):
        CheckIn.objects.create(
            organization=cast.harbor,
            owner=person,
            energy=2 + i % 2,  # not all alike: a shared answer is never shown
            note="PRIVATE-NOTE",
            created_at=timezone.now() - timedelta(days=7),  # finished weeks only are shown
        )
    sign_in(page, cast.mia)
    team_link(page, "Team wellbeing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team wellbeing")
    expect(page.get_by_text("PRIVATE-NOTE")).to_have_count(0)
    for person in people:
        expect(page.get_by_text(person.chosen_name)).to_have_count(0)
    expect(page.locator("table").first).to_contain_text("2.5")
    page.get_by_text("How this stays anonymous").click()
    expect(page.get_by_text("never from who checked in")).to_be_visible()
    axe_check(page)
