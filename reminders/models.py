"""Reminders: what to remind her of and when (schedules), what was sent (deliveries, the
outbox and her inbox), and where to push it (subscriptions).

The tables keep the names they were created under, in the habits app, before reminders had an
app of their own: moving the models moved no row.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from habits.models import Tip
from reminders.local_times import next_fire, parse_local_time, quiet_hours_of


class Purpose(models.TextChoices):
    LOG_DAY = "log_day", _("Log my day")
    EXERCISES = "exercises", _("Do my exercises")
    TIP = "tip", _("A tip for my back")
    PELVIC_FLOOR = "pelvic_floor", _("Do my pelvic-floor session")
    TEST = "test", _("Test reminder")


# What a schedule can remind her of (the test reminder is sent once, never scheduled).
SCHEDULED_PURPOSES = [(value, label) for value, label in Purpose.choices if value != Purpose.TEST]


class Channel(models.TextChoices):
    PUSH = "push", _("Notification on my phone")
    EMAIL = "email", _("Email")
    BOTH = "both", pgettext_lazy("reminder channel", "Both")


class ReminderSchedule(models.Model):
    """When to remind her of one thing: local times, weekdays, channel.

    The database is the scheduler: next_fire_at (UTC) is indexed, and the tick in
    reminders.pipeline claims the rows that are due. It is computed in her profile's time
    zone with the quiet hours of her profile, so changing either calls reschedule().
    """

    # Reminders one account can have: plenty for her, and a bound on what one account adds to
    # every minute's tick (each has up to six times a day).
    MAX_PER_USER = 20

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_schedules"
    )
    purpose = models.CharField(max_length=20, choices=SCHEDULED_PURPOSES)
    times = models.JSONField(default=list)  # ["HH:MM", ...], local wall-clock times
    weekdays = models.JSONField(default=list)  # [0..6], Monday is 0
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.PUSH)
    skip_if_logged = models.BooleanField(default=False)
    enabled = models.BooleanField(default=True)
    next_slot_at = models.DateTimeField(null=True, blank=True)
    next_fire_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "habits_reminderschedule"
        ordering = ("purpose", "id")
        indexes = [
            # The tick reads only due, enabled rows: its cost follows the due work.
            models.Index(
                fields=("next_fire_at",),
                condition=models.Q(enabled=True, next_fire_at__isnull=False),
                name="schedule_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.purpose} {','.join(self.times)}"

    @classmethod
    def room_for_another(cls, user) -> bool:
        """Whether she may add a reminder; call in a transaction, before adding it: her row is
        held until the end, so two requests cannot both take the last place."""
        user.lock()
        return cls.objects.filter(user=user).count() < cls.MAX_PER_USER

    @classmethod
    def too_many_message(cls) -> str:
        return _(
            "You have %(count)s reminders, the most one account can have: delete one to add "
            "another."
        ) % {"count": cls.MAX_PER_USER}

    @property
    def local_times(self) -> list:
        return sorted(parse_local_time(value) for value in self.times)

    def reschedule(self, after: datetime) -> None:
        """Set the next slot strictly after `after` (not saved). Disabled schedules never fire."""
        profile = self.user.profile
        fire = None
        if self.enabled:
            fire = next_fire(
                self.local_times, self.weekdays, profile.zone, after, quiet_hours_of(profile)
            )
        self.next_slot_at = fire.slot if fire else None
        self.next_fire_at = fire.at if fire else None

    def reschedule_after_edit(self, now: datetime) -> None:
        """After she edits it (or her time zone or quiet hours), move on to the next slot.

        A slot that is already due stays due: the tick has not reached it yet (it moves
        next_fire_at on when it claims a slot), so it is still owed to her. The tick then sends
        it with her new settings, or marks it missed if the tick was so far behind that it is
        stale; either way it is not lost, and the slot after it follows the edit.
        """
        if self.enabled and self.next_fire_at is not None and self.next_fire_at <= now:
            return
        self.reschedule(now)


class ReminderDelivery(models.Model):
    """One reminder sent, or to be sent: the outbox, and the inbox she reads.

    The tick writes one row per (schedule, slot) under a unique constraint, so a second tick or
    a replayed one never writes two. A send claims its row with a conditional update before it
    sends, so two workers never send the same row; a worker killed mid-send leaves a lease that
    runs out, and the row is sent again (the service worker shows it once: its tag is the id).
    """

    # Why a reminder was not sent, as the inbox puts it.
    DETAILS = {
        "already_logged": _("you had already logged that day"),
        "exercises_logged": _("you had already logged your exercises"),
        "sessions_logged": _("you had already done your sessions so far that day"),
        "no_new_tip": _("no new tip this week"),
        "turned_off": _("the reminder was turned off"),
        "late": _("it could not be sent in time"),
        "server_down": _("the service was down at the time"),
        "no_channel": _("no phone or email could be reached"),
    }

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")
        MISSED = "missed", _("Missed")
        FAILED = "failed", _("Could not be sent")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    # Kept when she deletes the schedule, so the inbox still shows what was sent.
    schedule = models.ForeignKey(
        ReminderSchedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    snoozed_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="snoozed_to"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    slot_at = models.DateTimeField()
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)  # after a push service said "later"
    enqueued_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    tip = models.ForeignKey(Tip, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=120, blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=30, blank=True)  # why skipped or failed: DETAILS
    pushed_at = models.DateTimeField(null=True, blank=True)  # when a first device took it
    # The ids of the subscriptions (her devices) whose push service took it: a retry goes
    # only to the others.
    pushed_to = models.JSONField(default=list, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    shown_at = models.DateTimeField(null=True, blank=True)  # the phone confirmed it showed it
    opened_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "habits_reminderdelivery"
        ordering = ("-due_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("schedule", "slot_at"),
                condition=models.Q(snoozed_from__isnull=True),
                name="one_delivery_per_schedule_slot",
            ),
        ]
        indexes = [
            models.Index(
                fields=("due_at",),
                condition=models.Q(state__in=("pending", "sending")),
                name="delivery_open_idx",
            ),
            models.Index(fields=("user", "-due_at"), name="delivery_inbox_idx"),
            # The pipeline status reads the last hour's deliveries, whatever their state.
            models.Index(fields=("due_at",), name="delivery_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.purpose} {self.slot_at:%Y-%m-%d %H:%M} {self.state}"

    @property
    def detail_label(self) -> str:
        return self.DETAILS.get(self.detail, self.detail)

    @property
    def status(self) -> str:
        """What the inbox says about it: a finer word than the state for sent reminders."""
        if self.state != self.State.SENT:
            return self.state
        if self.shown_at or self.opened_at:
            return "shown"
        if self.pushed_at:
            return "pushed"
        return "emailed"


class PushSubscription(models.Model):
    """A browser's Web Push subscription. The endpoint is a URL the server will POST to, so it
    is checked against the known push services (reminders.push.check_endpoint) before it is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user_agent = models.CharField(max_length=300, blank=True)
    # The fingerprint of the server's VAPID key the browser subscribed with (the
    # applicationServerKey): a push signed with another key is refused by the push service.
    # Empty for subscriptions kept before it was recorded. See reminders.server_key.
    vapid_key_id = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "habits_pushsubscription"

    def __str__(self) -> str:
        return f"{self.user} {self.endpoint[:60]}"

    @classmethod
    def note_success(cls, subscriptions: Iterable["PushSubscription"], now: datetime) -> None:
        """Remember that these worked, at most once an hour each: not a write for every reminder."""
        due = [
            subscription.pk
            for subscription in subscriptions
            if subscription.last_success_at is None
            or now - subscription.last_success_at > timedelta(hours=1)
        ]
        if due:
            cls.objects.filter(pk__in=due).update(last_success_at=now)

    def info(self) -> dict:
        """The subscription as pywebpush expects it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class TickRecord(models.Model):
    """The last tick of the reminder pipeline, in one row: what /healthz/ and the pipeline
    status read to tell whether the scheduler is alive."""

    ONLY = 1

    finished_at = models.DateTimeField()
    seconds = models.FloatField()
    deliveries = models.PositiveIntegerField()
    missed = models.PositiveIntegerField()
    enqueued = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"tick at {self.finished_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def record(cls, finished_at: datetime, seconds: float, counts: dict[str, int]) -> None:
        """Keep this tick as the last one; two ticks at once (two beats) both write the row."""
        row = cls(pk=cls.ONLY, finished_at=finished_at, seconds=seconds, **counts)
        fields = ["finished_at", "seconds", *counts]
        cls.objects.bulk_create(
            [row], update_conflicts=True, unique_fields=["id"], update_fields=fields
        )

    @classmethod
    def last(cls) -> "TickRecord | None":
        return cls.objects.filter(pk=cls.ONLY).first()


class ProcessHeartbeat(models.Model):
    """The last sign of life of one Celery worker or beat process, written every
    PROCESS_HEARTBEAT_SECONDS (reminders.heartbeats): what /healthz/ reads to tell whether
    each queue has a worker and whether the scheduler runs."""

    name = models.CharField(max_length=200, unique=True)  # worker@host, or beat@host:pid
    kind = models.CharField(max_length=20)  # "worker" or "beat"
    queues = models.JSONField(default=list)  # the queues a worker consumes
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
