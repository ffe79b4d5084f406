"""The Django admin, for platform operators. It never shows decrypted sensitive content."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from workforce.models import AuditEvent, Organization, RoleGrant, StaffProfile, User


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "timezone", "require_two_factor"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_active", "is_staff", "last_login"]
    search_fields = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["chosen_name", "organization", "employment_status"]
    list_filter = ["organization", "employment_status"]
    search_fields = ["chosen_name", "user__email"]
    # The emergency contact is encrypted, sensitive content: not shown here.
    exclude = ["emergency_contact"]
    inlines = [RoleGrantInline]
    list_select_related = ["organization"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "target_type", "subject"]
    list_filter = ["action"]
    readonly_fields = [
        "organization",
        "actor",
        "subject",
        "action",
        "target_type",
        "target_id",
        "at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the log of who read someone's information is not for editing away

    def has_change_permission(self, request, obj=None) -> bool:
        return False
