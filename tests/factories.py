"""factory_boy factories for test data."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

import factory

from workforce.models import Organization, Role, RoleGrant, StaffProfile, User

PASSWORD = "correct horse battery staple"

if TYPE_CHECKING:
    from groups.models import SupportGroup
    from groups.services import GroupInput
    from tests.conftest import Cast


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    timezone = "America/New_York"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    chosen_name = factory.Sequence(lambda n: f"Person {n}")
    timezone = "America/New_York"

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        roles = extracted if extracted is not None else [Role.PEER_SPECIALIST]
        if create:
            RoleGrant.objects.bulk_create(RoleGrant(profile=obj, role=role) for role in roles)


# --- peer support groups ---------------------------------------------------------------------


def group_input(cast: Cast, **changes: object) -> GroupInput:
    """Harbor's Thursday evening SMART Recovery group at the Eastside Library."""
    from groups import services
    from groups.models import GroupModel, Venue

    services.group_models_ensure(cast.harbor.pk)
    values = {
        "name": "Thursday Evening Peer Support",
        "model": GroupModel.objects.get(organization=cast.harbor, key="smart-recovery"),
        "who_for": "Anyone in recovery from substance use",
        "format": "in_person",
        "venue": Venue.objects.get_or_create(
            organization=cast.harbor,
            name="Eastside Library",
            defaults={"area": "Eastside", "address": "12 Elm Street", "step_free": True},
        )[0],
        "weekday": 3,
        "start_time": time(18, 30),
        "duration_minutes": 90,
        "timezone": "America/Chicago",
        "starts_on": date(2027, 1, 7),
        "status": "meeting",
        "languages": ("en", "es"),
    }
    values.update(changes)
    return services.GroupInput(**values)


def make_group(cast: Cast, **changes: object) -> SupportGroup:
    """The group, set up by mia: alice leads it, sid is its liaison."""
    from groups import services

    group = services.group_create(actor=cast.mia.user, data=group_input(cast, **changes))
    services.facilitators_set(
        actor=cast.mia.user, group=group, people=[cast.alice], lead=cast.alice
    )
    services.liaisons_set(actor=cast.mia.user, group=group, people=[cast.sid])
    return group


def event_input(**changes: object):
    """A Tuesday lunchtime walk by the river for everyone at Harbor, 12:00–13:00 in Chicago,
    from Tuesday 12 January 2027."""
    from events import services

    values = {
        "title": "Lunchtime walk by the river",
        "kind": "nature",
        "starts_on": date(2027, 1, 12),
        "start_time": time(12, 0),
        "end_time": time(13, 0),
        "timezone": "America/Chicago",
        "place": "in_person",
        "location": "Riverside Park, north gate",
        "description": "An easy walk at everyone's pace.",
    }
    values.update(changes)
    return services.EventInput(**values)


def make_event(cast: Cast, organizers=(), **changes: object):
    """The walk, posted by mia (with `organizers` beside her)."""
    from events import services

    return services.event_create(
        actor=cast.mia.user, data=event_input(**changes), organizers=list(organizers)
    )
