"""The fixed cast every test can use.

Harbor House: alice (peer specialist, supervised by bob), bob (supervisor), sid (peer specialist
bob does not supervise), mia (program manager), hana (HR), adam (org admin).
Elsewhere Inc: charlie (org admin) and carol (peer specialist), who must never see Harbor's
things, nor Harbor theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client

from core import dates
from supervision.models import SupervisorAssignment
from tests.factories import PASSWORD, OrganizationFactory, ProfileFactory, make_group
from workforce.models import Organization, Role, StaffProfile

pytest_plugins = ["tests.clock"]


@dataclass
class Cast:
    harbor: Organization
    elsewhere: Organization
    alice: StaffProfile
    bob: StaffProfile
    sid: StaffProfile
    mia: StaffProfile
    hana: StaffProfile
    adam: StaffProfile
    charlie: StaffProfile
    carol: StaffProfile

    def by_name(self, name: str) -> StaffProfile:
        return getattr(self, name)


def _person(org: Organization, name: str, roles: list[str], **extra: object) -> StaffProfile:
    return ProfileFactory(
        organization=org,
        chosen_name=name.title(),
        user__email=f"{name}@{org.slug}.example",
        roles=roles,
        **extra,
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no figure kept by core.versions, no throttle
    count, from a test before it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def cast(db) -> Cast:
    harbor = OrganizationFactory(name="Harbor House", slug="harbor", timezone="America/Chicago")
    elsewhere = OrganizationFactory(name="Elsewhere Inc", slug="elsewhere")
    people = {
        "alice": _person(
            harbor,
            "alice",
            [Role.PEER_SPECIALIST],
            pronouns="she/her",
            emergency_contact="Robin, 555-0101",
            legal_name="Alice Legal",
        ),
        "bob": _person(harbor, "bob", [Role.SUPERVISOR]),
        "sid": _person(harbor, "sid", [Role.PEER_SPECIALIST]),
        "mia": _person(harbor, "mia", [Role.PROGRAM_MANAGER]),
        "hana": _person(harbor, "hana", [Role.HR]),
        "adam": _person(harbor, "adam", [Role.ORG_ADMIN]),
        "charlie": _person(elsewhere, "charlie", [Role.ORG_ADMIN]),
        "carol": _person(elsewhere, "carol", [Role.PEER_SPECIALIST]),
    }
    SupervisorAssignment.objects.create(
        organization=harbor,
        supervisor=people["bob"],
        specialist=people["alice"],
        starts_on=dates.organization_today(harbor),  # as the service does: Harbor's date
    )
    return Cast(harbor=harbor, elsewhere=elsewhere, **people)


@pytest.fixture
def group(cast: Cast, time_machine):
    """Harbor's group (alice leads it, sid is its liaison), made on Monday 4 January 2027,
    09:00 in Chicago; its first meeting is Thursday the 7th."""
    time_machine.move_to("2027-01-04T15:00:00Z", tick=False)
    # The cast's assignment starts on the session's today, which a sweep (--clock) may put
    # after this fixture's named moment: bob has supervised alice since well before it.
    SupervisorAssignment.objects.filter(supervisor=cast.bob).update(starts_on=date(2026, 1, 1))
    return make_group(cast)


@pytest.fixture
def monday(time_machine):
    """The clock stopped on Monday 4 January 2027, 09:00 in Chicago."""
    time_machine.move_to("2027-01-04T15:00:00Z", tick=False)
    SupervisorAssignment.objects.filter(supervisor__chosen_name="Bob").update(
        starts_on=date(2026, 1, 1)  # bob has supervised alice since well before (see `group`)
    )


@pytest.fixture
def walk(cast: Cast, monday):
    """A lunchtime walk for everyone at Harbor on Tuesday 12 January 2027, 12:00–13:00 in
    Chicago, posted by mia (tests.factories.make_event)."""
    from tests.factories import make_event

    return make_event(cast)


@pytest.fixture
def login(client: Client):
    """login(profile) signs the test client in as that person (the real login form)."""

    def _login(profile: StaffProfile, c: Client | None = None) -> Client:
        c = c or client
        response = c.post(
            "/accounts/login/", {"username": profile.user.email, "password": PASSWORD}
        )
        assert response.status_code == 302, response.content[:500]
        return c

    return _login


DEAD_BROKER = "redis://127.0.0.1:6399/0"  # nothing listens there: Redis is "down"


def point_broker_at(url: str) -> None:
    """Make this process publish to another broker address from now on."""
    from config.celery_app import app

    app.conf.broker_url = url
    app.conf.broker_write_url = url
    app._pool = None  # kombu keeps one pool per address: the real broker's stays open
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Publishing from this process really goes to a broker, and the broker doesn't answer."""
    from config.celery_app import app

    before = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.task_always_eager = False
    point_broker_at(DEAD_BROKER)
    try:
        yield
    finally:
        point_broker_at(before[0])
        app.conf.broker_write_url = None
        app.conf.task_always_eager = before[1]
