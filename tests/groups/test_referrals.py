"""Purposeful referrals: narrowed by what matters to the person, with why each group fits; a
card that respects each group's privacy choices; and nothing kept but a count."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from groups import services
from groups.models import GroupModel, ReferralCount, SupportGroup
from tests.conftest import Cast
from tests.factories import make_group


def _online(cast: Cast, **extra) -> SupportGroup:
    return make_group(
        cast,
        name="Online Evenings",
        format="online",
        venue=None,
        online_details="https://meet.example/evenings",
        languages=("en",),
        **extra,
    )


def test_the_list_says_why_each_group_fits(cast: Cast, group, login, client) -> None:
    _online(cast)
    login(cast.hana)  # anyone on the staff refers people
    page = client.get("/groups/refer/?format=online&approach=secular&time_of_day=evening")
    fits = page.context["fits"]
    assert [f.group.name for f in fits] == ["Online Evenings"]
    assert fits[0].reasons == ["Secular", "Online", "in the evening"]
    assert "Thursday Evening" not in page.content.decode()


def test_a_card_counts_each_group_once_and_keeps_nothing_else(cast: Cast, group, login, client):
    online = _online(cast)
    login(cast.sid)
    before = {m._meta.label: m.objects.count() for m in _all_models()}
    response = client.post("/groups/refer/card/", {"groups": [group.pk, online.pk], "as": "text"})
    assert response.status_code == 200
    counts = dict(ReferralCount.objects.values_list("group__name", "count"))
    assert counts == {"Thursday Evening Peer Support": 1, "Online Evenings": 1}
    after = {m._meta.label: m.objects.count() for m in _all_models()}
    changed = {label for label in after if after[label] != before[label]}
    assert changed == {"groups.ReferralCount"}  # no person, no preferences, no log
    client.post("/groups/refer/card/", {"groups": [group.pk], "as": "text"})
    assert ReferralCount.objects.get(group=group).count == 2


def _all_models():
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.app_label not in {"sessions", "axes"}]


def test_the_card_shows_an_address_or_a_link_only_where_the_group_made_it_public(
    cast: Cast, group, login, client
) -> None:
    online = _online(cast)
    services.finder_save(
        actor=cast.adam.user, published=True, intro="", ask_contact="Text 555-0100"
    )
    login(cast.sid)
    text = client.post(
        "/groups/refer/card/", {"groups": [group.pk, online.pk], "as": "text"}
    ).context["text"]
    assert "12 Elm Street" not in text and "Eastside (ask us for the address)" in text
    assert "meet.example" not in text and "Online (ask us for the link)" in text
    assert "Text 555-0100" in text
    SupportGroup.objects.filter(pk=group.pk).update(show_address=True)
    SupportGroup.objects.filter(pk=online.pk).update(show_online_details=True)
    text = client.post(
        "/groups/refer/card/", {"groups": [group.pk, online.pk], "as": "text"}
    ).context["text"]
    assert "12 Elm Street" in text and "https://meet.example/evenings" in text


def test_the_printed_card_reads_back_with_a_qr_code(cast: Cast, group, login, client) -> None:
    services.finder_save(actor=cast.adam.user, published=True, intro="", ask_contact="Text us")
    SupportGroup.objects.filter(pk=group.pk).update(in_finder=True)
    login(cast.sid)
    response = client.post("/groups/refer/card/", {"groups": [group.pk], "as": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert "Peer support groups you might like" in text and "Thursday Evening" in text
    assert f"/find/harbor/{group.public_code}/" in text.replace("\n", "")
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert len(re.findall(r" re\b", content)) > 100  # the QR code's modules


def test_one_to_three_of_the_organizations_groups(cast: Cast, group, login, client) -> None:
    login(cast.sid)
    assert client.post("/groups/refer/card/", {"groups": []}).status_code == 400
    many = [make_group(cast, name=f"G{n}").pk for n in range(4)]
    assert client.post("/groups/refer/card/", {"groups": many}).status_code == 400
    services.group_models_ensure(cast.elsewhere.pk)
    theirs = SupportGroup.objects.create(
        organization=cast.elsewhere,
        name="Theirs",
        model=GroupModel.objects.filter(organization=cast.elsewhere).first(),
        who_for="x",
        format="online",
        weekday=1,
        start_time="10:00",
        duration_minutes=60,
        timezone="UTC",
        starts_on="2027-01-01",
        status="meeting",
    )
    assert client.post("/groups/refer/card/", {"groups": [theirs.pk]}).status_code == 400
    assert not ReferralCount.objects.exists()


def test_the_card_says_how_often_a_group_meets_in_the_readers_language(
    cast: Cast, group, login, client
) -> None:
    fortnightly = _online(cast, every_weeks=2)
    login(cast.sid)
    text = client.post(
        "/groups/refer/card/", {"groups": [group.pk, fortnightly.pk], "as": "text"}
    ).content.decode()
    assert ", every week" in text and ", every 2 weeks" in text
    cast.sid.language = "es"
    cast.sid.save()
    text = client.post(
        "/groups/refer/card/", {"groups": [group.pk, fortnightly.pk], "as": "text"}
    ).content.decode()
    assert ", cada semana" in text and ", cada 2 semanas" in text
