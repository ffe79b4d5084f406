"""API views: thin, over workforce.access and workforce.services."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import query
from api.exceptions import field_error
from api.serializers import (
    OrganizationSerializer,
    PersonCreateSerializer,
    PersonPrivateSerializer,
    PersonSerializer,
    PersonUpdateSerializer,
    RoleSerializer,
)
from api.viewsets import ScopedGenericViewSet, ScopedReadOnlyViewSet
from workforce import access, selectors, services
from workforce.models import AuditAction, EmploymentStatus, Role, StaffProfile


def _not_found() -> None:
    raise NotFound


class OrganizationViewSet(ScopedReadOnlyViewSet):
    """Your organization (read only)."""

    serializer_class = OrganizationSerializer

    tenant_field = "pk"  # the organization itself

    def scoped_queryset(self):
        return access.organizations_visible_to(self.request.user)


class RoleListView(APIView):
    """The roles a person can hold."""

    @extend_schema(responses=RoleSerializer(many=True))
    def get(self, request: Request) -> Response:
        data = [{"value": value, "label": str(label)} for value, label in Role.choices]
        return Response(RoleSerializer(data, many=True).data)


PRIVATE_FIELDS = (
    "Where you may see them (yourself; HR and org admins), the answer also carries the "
    "private fields of PersonPrivate (legal name, phone, emergency contact…); to anyone else "
    "those keys are absent."
)


def _private_view(request: Request, person: StaffProfile) -> dict:
    """A person's full record, writing the audit log when someone else reads sensitive fields."""
    if not access.can_see_private_profile_fields(request.user, person):
        return PersonSerializer(person).data
    if person.emergency_contact:
        services.audit_record(
            actor=request.user,
            subject=person,
            action=AuditAction.VIEWED,
            target_type="profile.emergency_contact",
            target_id=str(person.pk),
        )
    return PersonPrivateSerializer(person).data


# PersonSerializer's fields, as columns: the list reads no one's legal name, phone, emergency
# contact or password hash, and half the columns cost half the building and reading.
LIST_FIELDS = (
    *(name for name in PersonSerializer.Meta.fields if name not in ("email", "roles", "is_active")),
    "user__email",
    "user__is_active",
)


class PeopleQuery(serializers.Serializer):
    q = query.text(max_length=100, help_text="Search by name or email.")
    role = query.choice(Role.choices)
    status = query.choice(EmploymentStatus.choices, help_text="Employment status.")


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """People you may see: everyone for org admins, HR and program managers; a supervisor's
    current supervisees; and yourself."""

    serializer_class = PersonSerializer
    query_serializer_class = PeopleQuery

    tenant_field = "organization_id"

    def scoped_queryset(self):
        people = selectors.people_list(
            user=self.request.user,
            search=self.query.get("q", ""),
            role=self.query.get("role", ""),
            status=self.query.get("status", ""),
        )
        if self.action == "list":  # what the rows show, and nothing else about anyone
            return people.only(*LIST_FIELDS)
        return people.select_related("organization")

    @extend_schema(responses=PersonSerializer, description=PRIVATE_FIELDS)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(_private_view(request, self.get_object()))

    @extend_schema(request=PersonCreateSerializer, responses={201: PersonPrivateSerializer})
    def create(self, request: Request) -> Response:
        if not access.can_manage_people(request.user):
            raise NotFound
        serializer = PersonCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        person = services.person_create(
            actor=request.user,
            email=data["email"],
            chosen_name=data["chosen_name"],
            roles=data["roles"],
            pronouns=data["pronouns"],
            legal_name=data["legal_name"],
            job_title=data["job_title"],
            timezone_name=data.get("timezone"),
            language=data["language"],
            start_date=data["start_date"],
            send_invitation=data["send_invitation"],
        )
        return Response(PersonPrivateSerializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=PersonUpdateSerializer, responses=PersonSerializer, description=PRIVATE_FIELDS
    )
    @transaction.atomic
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        person = self.get_object()
        serializer = PersonUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        roles = data.pop("roles", None)
        if roles is not None and not access.can_manage_people(request.user):
            # Visible and (partly) editable to the caller, but roles are an org admin's call.
            access.editable_profile_fields(request.user, person) or _not_found()
            raise field_error("roles", _("You can't change this field."), code="not_yours")
        if roles is not None:
            services.person_set_roles(actor=request.user, person=person, roles=roles)
        if data:
            services.person_update(actor=request.user, person=person, data=data)
        return Response(_private_view(request, person))

    @extend_schema(request=None, responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        """Switch off someone's access; their history stays."""
        person = services.person_deactivate(actor=request.user, person=self.get_object())
        return Response(PersonSerializer(person).data)

    @extend_schema(request=None, responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str | None = None) -> Response:
        """Let someone sign in again."""
        person = services.person_reactivate(actor=request.user, person=self.get_object())
        return Response(PersonSerializer(person).data)

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None) -> Response:
        """Send a new invitation email."""
        services.person_invite(actor=request.user, person=self.get_object())
        return Response(status=status.HTTP_202_ACCEPTED)


class MeView(APIView):
    """Your own profile."""

    @extend_schema(responses=PersonPrivateSerializer)
    def get(self, request: Request) -> Response:
        return Response(PersonPrivateSerializer(access.require_profile(request.user)).data)

    @extend_schema(request=PersonUpdateSerializer, responses=PersonPrivateSerializer)
    def patch(self, request: Request) -> Response:
        person = access.require_profile(request.user)
        serializer = PersonUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "roles" in data:
            raise field_error("roles", _("You can't change your own roles here."), code="not_yours")
        services.person_update(actor=request.user, person=person, data=data)
        return Response(PersonPrivateSerializer(person).data)
