"""factory_boy factories for test data."""

from __future__ import annotations

import factory

from workforce.models import Organization, Role, RoleGrant, StaffProfile, User

PASSWORD = "correct horse battery staple"


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
