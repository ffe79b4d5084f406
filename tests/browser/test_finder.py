"""The public group finder in a real browser, on a phone: someone with no account narrows the
list to online secular groups, opens one, and finds how to ask for its link. The quick exit is
there, and every page passes axe. Named moment: Monday 4 January 2027, 09:00 in Chicago."""

from __future__ import annotations

import time_machine
from playwright.sync_api import Page, expect

from groups import services
from groups.models import SupportGroup
from tests.factories import make_group

MOMENT = "2027-01-04T15:00:00Z"
PHONE = {"width": 375, "height": 740}


def test_someone_finds_an_online_secular_group_on_a_phone(page: Page, cast, axe_check):
    with time_machine.travel(MOMENT, tick=False):
        services.finder_save(
            actor=cast.adam.user, published=True, intro="", ask_contact="Text 555-0100"
        )
        make_group(cast, in_finder=True)  # in person, at the library
        online = make_group(
            cast,
            name="Online Evenings",
            format="online",
            venue=None,
            online_details="https://meet.example/room",
            in_finder=True,
        )
    with time_machine.travel(MOMENT, tick=True):
        page.set_viewport_size(PHONE)
        page.goto("/find/harbor/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Find a peer support group")
        expect(page.get_by_role("link", name="Quick exit")).to_be_visible()
        axe_check(page)
        page.get_by_label("In person or online").select_option("online")
        page.get_by_label("Approach").select_option("secular")
        page.get_by_role("button", name="Show groups").click()
        groups = page.get_by_test_id("finder-groups").get_by_role("listitem")
        expect(groups).to_have_count(1)
        expect(groups.first).to_contain_text("Online Evenings")
        axe_check(page)
        groups.first.get_by_role("link", name="Online Evenings").click()
        online_row = page.get_by_test_id("online")
        expect(online_row).to_contain_text("Ask us for the link")
        expect(online_row).to_contain_text("Text 555-0100")
        expect(page.get_by_text("meet.example")).to_have_count(0)
        page.wait_for_load_state("load")  # the stylesheet too, before measuring the layout
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]  # nothing wider than the phone
        axe_check(page)
    assert SupportGroup.objects.get(pk=online.pk).in_finder


def test_someone_switches_the_finder_to_spanish_by_keyboard(page: Page, cast, axe_check):
    with time_machine.travel(MOMENT, tick=False):
        services.finder_save(
            actor=cast.adam.user, published=True, intro="", ask_contact="Text 555-0100"
        )
        make_group(cast, in_finder=True)
    with time_machine.travel(MOMENT, tick=True):
        page.set_viewport_size(PHONE)
        page.goto("/find/harbor/?format=in_person")
        english = page.get_by_role("button", name="English")
        expect(english).to_have_attribute("aria-pressed", "true")
        spanish = page.get_by_role("button", name="Español")
        spanish.focus()
        page.keyboard.press("Enter")
        # Back on the same page, with its filters, in Spanish; and it stays so for the visit.
        expect(page).to_have_url("/find/harbor/?format=in_person")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Encuentra un grupo de apoyo entre pares"
        )
        expect(page.get_by_role("link", name="Salida rápida")).to_be_visible()
        expect(page.get_by_role("button", name="Español")).to_have_attribute("aria-pressed", "true")
        axe_check(page)
        page.goto("/accounts/login/")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
