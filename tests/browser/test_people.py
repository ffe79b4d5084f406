"""Adding a person through the real form, as an org admin does it."""

from __future__ import annotations

from django.core import mail
from playwright.sync_api import Page, expect

from workforce.models import StaffProfile, User

EMAIL = "nadia@harbor.example"


def _fill_new_person(page: Page, *, name: str) -> None:
    page.goto("/people/new/")
    page.get_by_label("Email address", exact=True).fill(EMAIL)
    page.get_by_label("Name they go by").fill(name)
    page.get_by_role("checkbox", name="Peer specialist").check()
    page.get_by_label("Time zone").select_option("America/Denver")
    page.get_by_role("button", name="Add person").click()


def test_it_adds_a_person(page, cast, sign_in, axe_check):
    sign_in(page, cast.adam)

    _fill_new_person(page, name="Nadia")

    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia")
    expect(page.get_by_role("status")).to_have_text(
        "Nadia is added and an invitation is on its way."
    )
    axe_check(page)
    person = StaffProfile.objects.get(user__email=EMAIL)
    assert person.organization == cast.harbor
    assert person.roles == {"specialist"}
    assert person.timezone == "America/Denver"
    assert page.url.endswith(f"/people/{person.pk}/")
    assert [message.to for message in mail.outbox] == [[EMAIL]]


def test_it_explains_a_missing_name_and_adds_nobody(page, cast, sign_in, axe_check):
    sign_in(page, cast.adam)
    people_before = StaffProfile.objects.count()

    _fill_new_person(page, name="")

    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("Please check the following")
    summary_link = summary.get_by_role("link", name="Name they go by: This field is required.")
    expect(summary_link).to_be_visible()
    name_field = page.get_by_label("Name they go by")
    expect(page.locator(".field--error .error")).to_have_text(["This field is required."])
    expect(page.locator(".field--error").get_by_label("Name they go by")).to_be_visible()
    expect(page.get_by_label("Email address", exact=True)).to_have_value(EMAIL)
    summary_link.click()
    expect(name_field).to_be_focused()
    axe_check(page)
    assert StaffProfile.objects.count() == people_before
    assert not User.objects.filter(email=EMAIL).exists()
    assert mail.outbox == []
