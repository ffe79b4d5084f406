from __future__ import annotations

from django.urls import path

from workforce.training import views

urlpatterns = [
    path("training/", views.my_training_view, name="my_training"),
    path("training/modules/<int:pk>/", views.module_view, name="training_module"),
    path("training/modules/<int:pk>/start/", views.module_start_view, name="training_start"),
    path(
        "training/modules/<int:pk>/sections/<int:position>/",
        views.section_view,
        name="training_section",
    ),
    path("training/modules/<int:pk>/check/", views.check_view, name="training_check"),
    path(
        "training/modules/<int:pk>/reflection/",
        views.reflection_view,
        name="training_reflection",
    ),
    path("training/certificates/<int:pk>.pdf", views.certificate_view, name="training_certificate"),
    path("verify/<str:code>/", views.verify_view, name="training_verify"),
]
