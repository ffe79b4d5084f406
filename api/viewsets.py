"""The base for every PeerWell viewset: its queryset always comes from the access policy, and
the organization filter is applied here, whatever the subclass returns.

As in PostHog's tenancy mixin, subclasses may not override get_queryset or get_object: they
implement `scoped_queryset()` with a function from workforce.access (or an app's selectors),
and name the path to the organization in `tenant_field` (e.g. "organization_id" or
"plan__organization_id"). The base then keeps only the caller's organization's rows, so a
`scoped_queryset()` that returned `Model.objects.all()` would still show nothing of anyone
else's; a subclass can only narrow. A viewset that names no tenant field fails when its class
is created; the one way out is to set `dangerously_unscoped` to the reason, out loud.
"""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets

from api.query import QueryMixin
from workforce import access

FORBIDDEN_OVERRIDES = ("get_queryset", "get_object")


class ScopedViewSetMixin(QueryMixin):
    """Scopes every list and lookup by the access policy and the caller's organization;
    anything outside it is a 404. Query parameters are checked first (api/query.py)."""

    tenant_field: str | None = None
    dangerously_unscoped: str = ""  # the reason a viewset may skip the organization filter

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for name in FORBIDDEN_OVERRIDES:
            if name in cls.__dict__:
                raise TypeError(
                    f"{cls.__name__} overrides {name}(); implement scoped_queryset() instead."
                )
        concrete = "scoped_queryset" in cls.__dict__
        if concrete and not cls.tenant_field and not cls.dangerously_unscoped:
            raise TypeError(
                f"{cls.__name__} names no tenant_field: say how its rows reach their "
                "organization (e.g. 'organization_id')."
            )

    def scoped_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False) and self.queryset is not None:
            return self.queryset.none()  # schema generation: the model, no rows, no caller
        rows = self.scoped_queryset()
        if self.dangerously_unscoped:
            return rows
        profile = access.profile_of(self.request.user)
        if profile is None:
            return rows.none()
        return rows.filter(**{self.tenant_field: profile.organization_id})


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """List and retrieve, scoped."""


class ScopedGenericViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """Compose with DRF's mixins; scoped."""
