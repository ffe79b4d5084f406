from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from workforce.forms import AccountPasswordResetForm
from workforce.views import accounts, pages, people

account_urls = [
    path("login/", accounts.login_view, name="login"),
    path("login/verify/", accounts.login_verify_view, name="login_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("account_security"),
        ),
        name="password_change",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=AccountPasswordResetForm,
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password/set/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_set.html", post_reset_login=False
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/set/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_set_done.html"
        ),
        name="password_reset_complete",
    ),
    path("security/", accounts.security_view, name="account_security"),
    path("security/two-factor/", accounts.two_factor_setup_view, name="two_factor_setup"),
    path("security/two-factor/off/", accounts.two_factor_disable_view, name="two_factor_disable"),
    path("security/backup-codes/", accounts.backup_codes_view, name="backup_codes"),
    path("security/api-token/", accounts.api_token_view, name="api_token"),
]

urlpatterns = [
    path("", pages.home_view, name="home"),
    path("dashboard/", pages.dashboard_view, name="dashboard"),
    path("me/", people.my_profile_view, name="my_profile"),
    path("me/edit/", people.my_profile_edit_view, name="my_profile_edit"),
    path("people/", people.people_list_view, name="people_list"),
    path("people/new/", people.person_create_view, name="person_create"),
    path("people/<int:pk>/", people.person_detail_view, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit_view, name="person_edit"),
    path("people/<int:pk>/roles/", people.person_roles_view, name="person_roles"),
    path("people/<int:pk>/deactivate/", people.person_deactivate_view, name="person_deactivate"),
    path("people/<int:pk>/reactivate/", people.person_reactivate_view, name="person_reactivate"),
    path("people/<int:pk>/invite/", people.person_invite_view, name="person_invite"),
    path("organization/", pages.organization_settings_view, name="organization_settings"),
    path("privacy/", pages.privacy_view, name="privacy"),
    path("healthz", pages.healthz_view, name="healthz"),
    path("healthz/ready", pages.readyz_view, name="readyz"),
]
