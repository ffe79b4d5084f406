"""The finder as a Meeting Guide feed: valid by the format's published field rules, read back
as a meeting-finder app would, and holding only groups whose address or link is public."""

from __future__ import annotations

import json

import jsonschema
from django.test import Client

from groups import services
from groups.models import SupportGroup
from tests.conftest import Cast
from tests.factories import make_group

HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
# Written here from the format's field definitions: name and slug required; day 0-6 from
# Sunday (or a list of them); HH:MM 24-hour times; types from the reserved codes; an updated
# UTC timestamp "YYYY-MM-DD HH:MM:SS"; plain-text strings elsewhere.
RESERVED_TYPES = [
    *("11", "12x12", "A", "ABSI", "AL", "AL-AN", "AM", "ASL", "B", "BA", "BE", "BI", "BRK"),
    *("C", "CAN", "CF", "D", "DA", "DB", "DD", "DE", "DR", "EL", "EN", "FA", "FF", "FR", "G"),
    *("GR", "H", "HE", "HI", "HR", "HU", "ITA", "JA", "KOR", "L", "LGBTQ", "LIT", "LS", "LT"),
    *("M", "MED", "ML", "N", "NB", "NDG", "NO", "O", "OUT", "P", "POA", "POC", "POL", "POR"),
    *("PUN", "RUS", "S", "SEN", "SK", "SM", "SP", "ST", "SV", "T", "TC", "TH", "TL", "TR"),
    *("UK", "W", "X", "XB", "XT", "Y"),
]
DAY = {"type": "integer", "minimum": 0, "maximum": 6}
MEETING = {
    "type": "object",
    "required": ["name", "slug", "day", "time"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 255},
        "slug": {"type": "string", "pattern": r"^[a-z0-9-]+$", "maxLength": 64},
        "day": {"oneOf": [DAY, {"type": "array", "items": DAY, "minItems": 1}]},
        "time": {"type": "string", "pattern": HHMM},
        "end_time": {"type": "string", "pattern": HHMM},
        "timezone": {"type": "string", "pattern": r"^[A-Za-z_]+(/[A-Za-z_+-]+)+$"},
        "types": {"type": "array", "items": {"enum": RESERVED_TYPES}, "uniqueItems": True},
        "notes": {"type": "string", "not": {"pattern": "<[a-z/]"}},
        "location": {"type": "string"},
        "formatted_address": {"type": "string", "minLength": 5},
        "region": {"type": "string"},
        "approximate": {"enum": ["yes", "no"]},
        "conference_url": {"type": "string", "pattern": "^https?://"},
        "conference_phone": {"type": "string", "pattern": r"^[0-9+,*#]+$"},
        "url": {"type": "string", "pattern": "^https?://"},
        "updated": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"},
    },
}
FEED = {"type": "array", "items": MEETING}


def _feed(cast: Cast) -> list[dict]:
    response = Client().get("/find/harbor/feed.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    jsonschema.validate(data, FEED)
    return data


def test_only_groups_with_a_public_address_or_link_are_in_the_feed(cast: Cast, group) -> None:
    services.finder_save(actor=cast.adam.user, published=True, intro="", ask_contact="Text us")
    SupportGroup.objects.filter(pk=group.pk).update(in_finder=True)
    assert _feed(cast) == []  # on the finder, but its address is for people who ask
    SupportGroup.objects.filter(pk=group.pk).update(show_address=True)
    online = make_group(
        cast,
        name="Women's Online Circle",
        model=group.model.__class__.objects.get(organization=cast.harbor, key="women-for-sobriety"),
        format="online",
        venue=None,
        online_details="Join at https://meet.example/circle. Password at the start.",
        in_finder=True,
        show_online_details=True,
        weekday=6,
        languages=("es",),
    )
    make_group(cast, name="Private Link", format="online", venue=None, online_details="ask")
    by_name = {m["name"]: m for m in _feed(cast)}
    assert set(by_name) == {"Thursday Evening Peer Support", online.name}

    # Read back as a meeting finder would: in person at a real address, online with a link.
    thursday = by_name["Thursday Evening Peer Support"]
    assert (thursday["day"], thursday["time"], thursday["end_time"]) == (4, "18:30", "20:00")
    assert thursday["timezone"] == "America/Chicago"
    assert thursday["formatted_address"] == "12 Elm Street" and thursday["region"] == "Eastside"
    assert set(thursday["types"]) >= {"O", "A", "X", "EN", "S"}
    assert "conference_url" not in thursday
    assert thursday["url"].endswith(f"/find/harbor/{group.public_code}/")
    circle = by_name[online.name]
    assert circle["day"] == 0  # Sunday
    assert circle["conference_url"] == "https://meet.example/circle"
    assert "W" in circle["types"] and "S" in circle["types"] and "EN" not in circle["types"]
    assert "formatted_address" not in circle
    assert len({m["slug"] for m in by_name.values()}) == 2


def test_the_feed_is_public_only_once_the_finder_is(cast: Cast, group) -> None:
    SupportGroup.objects.filter(pk=group.pk).update(in_finder=True, show_address=True)
    assert Client().get("/find/harbor/feed.json").status_code == 404
    services.finder_save(actor=cast.adam.user, published=True, intro="", ask_contact="Text us")
    response = Client().get("/find/harbor/feed.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Alice" not in response.content.decode()  # nobody's name


def test_only_weekly_groups_are_in_the_feed(cast: Cast, group) -> None:
    services.finder_save(actor=cast.adam.user, published=True, intro="", ask_contact="Text us")
    SupportGroup.objects.filter(pk=group.pk).update(in_finder=True, show_address=True)
    fortnightly = make_group(cast, name="Every Other Week", every_weeks=2, in_finder=True)
    SupportGroup.objects.filter(pk=fortnightly.pk).update(show_address=True)
    assert [m["name"] for m in _feed(cast)] == ["Thursday Evening Peer Support"]
