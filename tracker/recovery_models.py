"""Her recovery's documents that belong to her, not to a day: the activities of her function
score, her weekly ratings of them, and her running checklist.

Each is a small document with a version (a hash of its content, core.content_versions), served
as its ETag and written only by tracker.documents with a conditional request, as a day is: two
phones rating the same week cannot silently undo each other. The sessions and symptom checks
of a day are items of the day (DayLog.pelvic_floor_sessions, DayLog.symptom_checks).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.content_versions import content_hash
from habits.function_score import ACTIVITY_NAME_MAX_LENGTH


class Effort(models.TextChoices):
    """How a pelvic-floor session felt, asked when it ends."""

    NOT_SAID = "", _("Not said")
    COMFORTABLE = "comfortable", _("Comfortable")
    HARD = "hard", _("Hard to finish")


class CheckContext(models.TextChoices):
    """When she did a symptom check."""

    WEEKLY = "weekly", _("Weekly check")
    AFTER_SESSION = "after_session", _("After a session")
    TUMMY_GAP = "tummy_gap", _("Tummy-gap check")


class VersionedDocument(models.Model):
    """A document of hers with a content version; CONTENT_FIELDS are what the version covers,
    and what a PUT replaces."""

    CONTENT_FIELDS: tuple[str, ...] = ()

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.CharField(max_length=22, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @classmethod
    def version_of(cls, values: dict) -> str:
        return content_hash([values[field] for field in cls.CONTENT_FIELDS])

    @property
    def content(self) -> dict:
        return {field: getattr(self, field) for field in self.CONTENT_FIELDS}

    @property
    def etag(self) -> str:
        return f'"{self.version}"'


class FunctionActivity(VersionedDocument):
    """An everyday activity she rates each week (habits.function_score). Its id is the UUID her
    phone gave it; she retires one rather than deleting it, so past weeks keep their names."""

    CONTENT_FIELDS = ("name", "suggestion", "retired")

    uid = models.UUIDField()
    name = models.CharField(max_length=ACTIVITY_NAME_MAX_LENGTH)
    # The suggestion she picked, or "" for her own words.
    suggestion = models.CharField(max_length=40, blank=True, default="")
    retired = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("user", "uid"), name="one_function_activity_per_id")
        ]

    def __str__(self) -> str:
        return self.name


class FunctionWeek(VersionedDocument):
    """Her ratings of one week, the week named by its Monday:
    [{"activity": "<uuid>", "score": 0-10}]."""

    CONTENT_FIELDS = ("scores",)

    week = models.DateField()
    scores = models.JSONField(default=list)

    class Meta:
        ordering = ("-week",)
        constraints = [
            models.UniqueConstraint(fields=("user", "week"), name="one_function_week_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week}"


class RunningReadiness(VersionedDocument):
    """Her running checklist (habits.running_readiness): [{"test", "result", "date"}]."""

    CONTENT_FIELDS = ("tests",)

    tests = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user",), name="one_running_checklist_per_user")
        ]

    def __str__(self) -> str:
        return f"running checklist of {self.user_id}"
