"""Serializers: explicit fields; organization and owner always come from the server."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from workforce.models import EmploymentStatus, Organization, Role, StaffProfile
from workforce.validators import validate_timezone


class OrganizationSerializer(serializers.ModelSerializer):
    """An organization, as its own staff see it."""

    class Meta:
        model = Organization
        fields = ["id", "name", "slug", "timezone", "require_two_factor"]
        read_only_fields = fields


class RoleSerializer(serializers.Serializer):
    """A role a person can hold."""

    value = serializers.CharField()
    label = serializers.CharField()


class PersonSerializer(serializers.ModelSerializer):
    """A person as colleagues with access to the staff list see them."""

    email = serializers.EmailField(source="user.email", read_only=True)
    is_active = serializers.BooleanField(source="user.is_active", read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = StaffProfile
        fields = [
            "id",
            "chosen_name",
            "pronouns",
            "job_title",
            "email",
            "roles",
            "employment_status",
            "start_date",
            "timezone",
            "language",
            "is_active",
        ]
        read_only_fields = fields

    def get_roles(self, person: StaffProfile) -> list[str]:
        return sorted(person.roles)


class PersonPrivateSerializer(PersonSerializer):
    """Adds the fields only the person, HR and org admins see."""

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "legal_name", "phone", "emergency_contact"]
        read_only_fields = fields


class PersonCreateSerializer(serializers.Serializer):
    """Add a person to your organization (org admins)."""

    email = serializers.EmailField(max_length=254)
    chosen_name = serializers.CharField(max_length=120)
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), allow_empty=False
    )
    pronouns = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    legal_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    job_title = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    timezone = serializers.CharField(max_length=64, required=False, validators=[validate_timezone])
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False, default="en")
    start_date = serializers.DateField(required=False, allow_null=True, default=None)
    send_invitation = serializers.BooleanField(required=False, default=True)


class PersonUpdateSerializer(serializers.Serializer):
    """Change profile fields; which ones you may change depends on your role."""

    chosen_name = serializers.CharField(max_length=120, required=False)
    pronouns = serializers.CharField(max_length=40, required=False, allow_blank=True)
    legal_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    job_title = serializers.CharField(max_length=120, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    emergency_contact = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    timezone = serializers.CharField(max_length=64, required=False, validators=[validate_timezone])
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    employment_status = serializers.ChoiceField(choices=EmploymentStatus.choices, required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), required=False, allow_empty=False
    )
