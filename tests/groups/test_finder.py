"""The public group finder and each group's public page: only what was published, to anyone,
without an account, with nothing kept about who looks."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from groups import services
from groups.models import Finder, GroupModel, SupportGroup, Venue
from tests.conftest import Cast
from tests.factories import group_input, make_group


def _publish(cast: Cast, ask: str = "Text 555-0100") -> None:
    services.finder_save(actor=cast.adam.user, published=True, intro="", ask_contact=ask)


def _on_finder(group: SupportGroup, **changes: object) -> SupportGroup:
    SupportGroup.objects.filter(pk=group.pk).update(in_finder=True, **changes)
    group.refresh_from_db()
    return group


def test_the_finder_is_off_until_an_org_admin_publishes_it(cast: Cast, group) -> None:
    _on_finder(group)
    assert Client().get("/find/harbor/").status_code == 404
    with pytest.raises(ValidationError):  # org admins only
        services.finder_save(actor=cast.mia.user, published=True, intro="", ask_contact="x")
    _publish(cast)
    response = Client().get("/find/harbor/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Thursday Evening Peer Support" in response.content.decode()
    assert Client().get("/find/elsewhere/").status_code == 404


def test_only_groups_that_chose_it_are_on_the_finder(cast: Cast, group) -> None:
    _publish(cast)
    assert "Thursday Evening" not in Client().get("/find/harbor/").content.decode()
    assert Client().get(f"/find/harbor/{group.public_code}/").status_code == 404
    _on_finder(group)
    assert Client().get(f"/find/harbor/{group.public_code}/").status_code == 200
    _on_finder(group, status="ended")
    assert Client().get(f"/find/harbor/{group.public_code}/").status_code == 404


def test_the_address_and_the_link_only_where_the_group_made_them_public(cast: Cast, group):
    _publish(cast, ask="Text 555-0100")
    _on_finder(group)
    page = Client().get(f"/find/harbor/{group.public_code}/").content.decode()
    assert "Eastside" in page and "12 Elm Street" not in page
    assert "Ask us for the address." in page and "Text 555-0100" in page
    _on_finder(group, show_address=True)
    assert "12 Elm Street" in Client().get(f"/find/harbor/{group.public_code}/").content.decode()
    online = make_group(
        cast,
        name="Online Evenings",
        format="online",
        venue=None,
        online_details="https://meet.example/secret-room",
    )
    _on_finder(online)
    page = Client().get(f"/find/harbor/{online.public_code}/").content.decode()
    assert "secret-room" not in page and "Ask us for the link" in page
    _on_finder(online, show_online_details=True)
    assert "secret-room" in Client().get(f"/find/harbor/{online.public_code}/").content.decode()


def test_the_agreement_only_if_the_group_shows_it(cast: Cast, group) -> None:
    _publish(cast)
    _on_finder(group)
    assert (
        'data-testid="public-agreement"'
        not in Client().get(f"/find/harbor/{group.public_code}/").content.decode()
    )
    _on_finder(group, show_agreement=True)
    page = Client().get(f"/find/harbor/{group.public_code}/").content.decode()
    assert 'data-testid="public-agreement"' in page and "boundaries" in page


def test_the_page_is_honest_about_what_to_expect_and_names_nobody(cast: Cast, group) -> None:
    _publish(cast)
    _on_finder(group)
    page = Client().get(f"/find/harbor/{group.public_code}/").content.decode()
    assert "Listening without speaking is always welcome" in page
    assert "nobody can guarantee" in page
    assert "Alice" not in page and "Sid" not in page  # no facilitator, no liaison by name
    finder = Client().get("/find/harbor/").content.decode()
    assert "trafficking" not in finder.lower()


def test_the_filters_narrow_by_what_matters_to_people(cast: Cast, group) -> None:
    _publish(cast)
    _on_finder(group)
    twelve = GroupModel.objects.get(organization=cast.harbor, key="twelve-step")
    library = Venue.objects.create(
        organization=cast.harbor, name="North Library", area="Northside", step_free=False
    )
    morning = _on_finder(
        make_group(
            cast,
            name="Saturday Morning Steps",
            model=twelve,
            weekday=5,
            venue=library,
            languages=("en",),
        )
    )
    SupportGroup.objects.filter(pk=morning.pk).update(start_time="10:00")

    def names(query: str) -> set[str]:
        response = Client().get(f"/find/harbor/?{query}")
        assert response.status_code == 200
        return {g.name for g in response.context["groups"]}

    both = {"Thursday Evening Peer Support", "Saturday Morning Steps"}
    assert names("") == both
    assert names("approach=spiritual") == {"Saturday Morning Steps"}
    assert names("approach=secular&structured=yes") == {"Thursday Evening Peer Support"}
    assert names("time_of_day=morning") == {"Saturday Morning Steps"}
    assert names("time_of_day=evening&weekday=3") == {"Thursday Evening Peer Support"}
    assert names("area=Northside") == {"Saturday Morning Steps"}
    assert names("access_needs=step_free") == {"Thursday Evening Peer Support"}
    assert names("language=es") == {"Thursday Evening Peer Support"}
    assert names("format=online") == set()
    assert names("weekday=not-a-day") == both  # a filter it can't read narrows nothing


def test_the_finder_runs_the_same_queries_for_any_number_of_groups(cast: Cast, group) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _publish(cast)
    _on_finder(group)
    with CaptureQueriesContext(connection) as one:
        Client().get("/find/harbor/")
    for n in range(5):
        _on_finder(make_group(cast, name=f"Group {n}"))
    with CaptureQueriesContext(connection) as six:
        assert len(Client().get("/find/harbor/").context["groups"]) == 6
    assert len(six) == len(one)


def test_a_manager_puts_a_group_on_the_finder(cast: Cast, login, client) -> None:
    login(cast.mia)
    group = services.group_create(actor=cast.mia.user, data=group_input(cast, in_finder=True))
    assert group.in_finder and len(group.public_code) == 8
    assert SupportGroup.objects.exclude(public_code=group.public_code).count() == 0
    assert Finder.objects.count() == 0  # the finder itself is still off


def test_the_finder_speaks_spanish_to_a_spanish_browser(cast: Cast, group) -> None:
    _publish(cast)
    _on_finder(group)
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get("/find/harbor/").content.decode()
    assert "Encuentra un grupo de apoyo entre pares" in page and 'lang="es"' in page
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get(f"/find/harbor/{group.public_code}/")
    assert "Volver a consumir nunca significa" in page.content.decode()


def test_a_models_own_words_follow_the_reader_and_an_organizations_stay(cast: Cast, group):
    _publish(cast)
    _on_finder(group)
    spanish = Client(HTTP_ACCEPT_LANGUAGE="es")
    page = spanish.get(f"/find/harbor/{group.public_code}/").content.decode()
    assert "Un programa práctico y laico" in page  # SMART Recovery's summary, as PeerWell wrote it
    assert "Herramientas de la terapia cognitivo-conductual" in page
    assert "A practical, secular program" not in page
    english = Client().get(f"/find/harbor/{group.public_code}/").content.decode()
    assert "A practical, secular program" in english
    # Once the organization writes its own words, everyone reads those, as written.
    GroupModel.objects.filter(pk=group.model_id).update(
        summary="Our Tuesday take on SMART.",
        facts="Tools from cognitive behavioural therapy, practised in the meeting.\nCoffee.",
    )
    page = spanish.get(f"/find/harbor/{group.public_code}/").content.decode()
    assert "Our Tuesday take on SMART." in page and "Coffee." in page
    assert "Herramientas de la terapia cognitivo-conductual" in page  # the line kept as it was


def test_a_long_finder_comes_a_page_at_a_time(cast: Cast, group) -> None:
    from groups import public_views

    _publish(cast)
    _on_finder(group)
    for n in range(public_views.PAGE_SIZE):
        _on_finder(make_group(cast, name=f"Group {n:02d}"))
    first = Client().get("/find/harbor/?language=es")
    assert len(first.context["groups"]) == public_views.PAGE_SIZE
    assert first.context["page"].paginator.count == public_views.PAGE_SIZE + 1
    assert "language=es&amp;page=2" in first.content.decode()
    second = Client().get("/find/harbor/?language=es&page=2")
    assert len(second.context["groups"]) == 1


def test_directions_that_could_name_the_building_stay_with_the_address(cast: Cast, group):
    _publish(cast)
    _on_finder(group)
    group.venue.access_notes = "Side door by the red awning of the Elm Street library"
    group.venue.save()
    page = Client().get(f"/find/harbor/{group.public_code}/").content.decode()
    assert "red awning" not in page and "step-free access" in page
    _on_finder(group, show_address=True)
    assert "red awning" in Client().get(f"/find/harbor/{group.public_code}/").content.decode()
