from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class CatalogueQuerySet(models.QuerySet):
    def active(self) -> "CatalogueQuerySet":
        return self.filter(active=True)

    def keys_by_kind(self) -> dict[str, set[str]]:
        """Active keys grouped by kind, in one query, for validating a day's log."""
        grouped: dict[str, set[str]] = {kind: set() for kind in CatalogueItem.Kind.values}
        for kind, key in self.active().values_list("kind", "key"):
            grouped[kind].add(key)
        return grouped


class CatalogueItem(models.Model):
    """One thing a mother can pick while logging: a feeding position, a support, an exercise...

    Keys are unique across kinds and never change once published, because day logs store them.
    Items that leave the catalogue are deactivated, never deleted, so old logs still read.
    """

    class Kind(models.TextChoices):
        BODY_AREA = "body_area", _("Body area")
        POSITION = "position", _("Feeding position")
        SUPPORT = "support", _("Feeding support")
        EXERCISE = "exercise", _("Exercise")
        HABIT = "habit", _("Habit")
        MOOD_TAG = "mood_tag", _("Mood tag")
        WARNING_SIGN = "warning_sign", _("Warning sign")

    class Unit(models.TextChoices):
        NONE = "", _("None")
        REPS = "reps", _("Repetitions")
        MINUTES = "minutes", _("Minutes")

    class Urgency(models.TextChoices):
        NONE = "", _("None")
        EMERGENCY = "emergency", _("Call emergency services now")
        DOCTOR_TODAY = "doctor_today", _("Contact a doctor or midwife today")
        GP = "gp", _("See a GP or physiotherapist")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(max_length=120)
    name_zh = models.CharField(max_length=120)
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, blank=True, default="")
    urgency = models.CharField(max_length=20, choices=Urgency.choices, blank=True, default="")

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ("kind", "sort_order", "key")
        indexes = [models.Index(fields=("kind", "sort_order"))]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"

    @property
    def name(self) -> str:
        """The name in the active language; Chinese for any zh variant, English otherwise."""
        language = (get_language() or "en").lower()
        return self.name_zh if language.startswith("zh") else self.name_en
