"""API for the signed-in person's in-app notifications."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.viewsets import ScopedGenericViewSet
from notifications import selectors, services
from notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    """A notification: a short title and a link inside PeerWell."""

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "link", "created_at", "read_at"]
        read_only_fields = fields


class MarkReadSerializer(serializers.Serializer):
    """Which notifications to mark read; leave `ids` out to mark all of them."""

    ids = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=500)


class UnreadSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class NotificationQuery(serializers.Serializer):
    unread = query.flag(help_text="Only unread ones.")


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """Your notifications, newest first."""

    serializer_class = NotificationSerializer
    query_serializer_class = NotificationQuery

    tenant_field = "organization_id"

    def scoped_queryset(self):
        items = selectors.notifications_for(user=self.request.user)
        if self.query.get("unread"):
            items = items.filter(read_at__isnull=True)
        return items

    @extend_schema(request=MarkReadSerializer, responses=UnreadSerializer)
    @action(detail=False, methods=["post"], url_path="mark-read")
    def mark_read(self, request: Request) -> Response:
        """Mark some (or all) of your notifications read; answers how many are still unread."""
        serializer = MarkReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.notifications_mark_read(
            user=request.user, ids=serializer.validated_data.get("ids")
        )
        return Response({"unread": selectors.unread_count(user=request.user)})

    @extend_schema(responses=UnreadSerializer)
    @action(detail=False, methods=["get"])
    def unread(self, request: Request) -> Response:
        """How many of your notifications are unread."""
        return Response({"unread": selectors.unread_count(user=request.user)})
