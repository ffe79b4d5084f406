from __future__ import annotations

from django.urls import path

from notifications import views

urlpatterns = [
    path("notifications/", views.notification_list_view, name="notifications"),
    path("notifications/<int:pk>/open/", views.notification_open_view, name="notification_open"),
    path(
        "notifications/read-all/", views.notification_read_all_view, name="notifications_read_all"
    ),
]
