"""The base for every PeerWell viewset: its queryset always comes from the access policy.

As in PostHog's tenancy mixin, subclasses may not override get_queryset or get_object: they
implement `scoped_queryset()` with a function from workforce.access (or an app's selectors),
so the safe path is the only easy one.
"""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets

FORBIDDEN_OVERRIDES = ("get_queryset", "get_object")


class ScopedViewSetMixin:
    """Scopes every list and lookup by the access policy; anything outside it is a 404."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for name in FORBIDDEN_OVERRIDES:
            if name in cls.__dict__:
                raise TypeError(
                    f"{cls.__name__} overrides {name}(); implement scoped_queryset() instead."
                )

    def scoped_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False) and self.queryset is not None:
            return self.queryset.none()  # schema generation: the model, no rows, no caller
        return self.scoped_queryset()


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """List and retrieve, scoped."""


class ScopedGenericViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """Compose with DRF's mixins; scoped."""
