from django.contrib import admin

from reminders.health import health_problems, pipeline_status
from reminders.models import PushSubscription, ReminderDelivery, ReminderSchedule


@admin.register(ReminderSchedule)
class ReminderScheduleAdmin(admin.ModelAdmin):
    list_display = ("user", "purpose", "times", "weekdays", "channel", "enabled", "next_fire_at")
    list_filter = ("purpose", "enabled", "channel")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin):
    list_display = ("user", "purpose", "due_at", "state", "attempts", "pushed_at", "emailed_at")
    list_filter = ("state", "purpose")
    search_fields = ("user__email",)
    raw_id_fields = ("user", "schedule", "snoozed_from", "tip")
    date_hierarchy = "due_at"

    def changelist_view(self, request, extra_context=None):
        """The list, under the state of the pipeline at a glance."""
        status = pipeline_status()
        extra_context = {
            **(extra_context or {}),
            "pipeline": status,
            "pipeline_problems": health_problems(status.now),
        }
        return super().changelist_view(request, extra_context)


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "endpoint", "created_at", "last_success_at")
    search_fields = ("user__email", "endpoint")
    raw_id_fields = ("user",)
