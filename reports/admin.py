from django.contrib import admin

from reports.models import AccessLog, ExportJob, ShareLink


class AccessLogInline(admin.TabularInline):
    model = AccessLog
    extra = 0
    readonly_fields = ("what", "user_agent", "at")
    can_delete = False


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ("user", "label", "created_at", "expires_at", "revoked_at", "open_count")
    raw_id_fields = ("user",)
    # The hash cannot be turned back into a link, but it has no business on a screen either.
    exclude = ("token_hash",)
    inlines = [AccessLogInline]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("user", "format", "start_date", "end_date", "state", "progress", "created_at")
    list_filter = ("state", "format")
    raw_id_fields = ("user",)
    exclude = ("content",)
