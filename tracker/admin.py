from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tracker.models import DayLog, Profile, User


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "is_active", "is_staff", "date_joined")
    search_fields = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ("is_active", "is_staff")
    inlines = [ProfileInline]


@admin.register(DayLog)
class DayLogAdmin(admin.ModelAdmin):
    # Health data: admins see that a day exists, not what she wrote.
    list_display = ("user", "date", "updated_at")
    fields = ("user", "date", "created_at", "updated_at")
    readonly_fields = fields
    search_fields = ("user__email",)
