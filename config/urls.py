from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from workforce.urls import account_urls

urlpatterns = [
    path("accounts/", include(account_urls)),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
    # The language switch for people without an account (signed in, the profile decides).
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("selfcare.urls")),
    path("", include("notifications.urls")),
    path("", include("workforce.training.urls")),
    path("", include("workforce.certifications.urls")),
    path("", include("supervision.urls")),
    path("", include("groups.urls")),
    path("", include("events.urls")),
    path("", include("workforce.urls")),
]

handler404 = "api.exceptions.not_found"  # JSON under /api/, the friendly page elsewhere
handler500 = "api.exceptions.server_error"
handler400 = "api.exceptions.bad_request"
handler403 = "api.exceptions.permission_denied"
