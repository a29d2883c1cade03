from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from habits.emergency_numbers import with_help_numbers


class CatalogueQuerySet(models.QuerySet):
    def active(self) -> "CatalogueQuerySet":
        return self.filter(active=True)

    def keys_by_kind(self) -> dict[str, set[str]]:
        """Every known key grouped by kind, in one query, for validating a day's log.

        Retired keys count: a day that holds one must still save and restore. The pages and the
        API offer only active items, so nobody picks a retired one by accident.
        """
        grouped: dict[str, set[str]] = {kind: set() for kind in CatalogueItem.Kind.values}
        for kind, key in self.values_list("kind", "key"):
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
        MEDICINE = "medicine", _("Medicine")

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


class Tip(models.Model):
    """One piece of advice, in our own words, drawn from the seed articles.

    Loaded from habits.tips_data by load_catalogue; keys are stored on deliveries, so a key is
    never renamed or reused. Triggers name the situations in her recent logs that make this tip
    the right one to send (see reminders.tip_choice).
    """

    class Category(models.TextChoices):
        FEEDING = "feeding", _("Feeding")
        LIFTING = "lifting", _("Lifting and carrying")
        POSTURE = "posture", _("Posture")
        EXERCISE = "exercise", _("Exercise")
        WARMTH = "warmth", _("Warmth and massage")
        REST = "rest", _("Rest and movement")
        FOOTWEAR = "footwear", _("Footwear")
        NUTRITION = "nutrition", _("Nutrition")
        MOOD = "mood", _("Mood")
        SEE_DOCTOR = "see_doctor", _("When to see a doctor")

    key = models.SlugField(max_length=60, unique=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    title_en = models.CharField(max_length=120)
    title_zh = models.CharField(max_length=120)
    body_en = models.TextField()
    body_zh = models.TextField()
    why_en = models.TextField()
    why_zh = models.TextField()
    sources = models.JSONField(default=list)
    triggers = models.JSONField(default=list)
    # Weeks postpartum in which the tip is suitable; caesarean births may start later.
    min_weeks = models.PositiveSmallIntegerField(default=0)
    max_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    caesarean_min_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    # Advice that only concerns a caesarean birth (sent too when we do not know how she gave birth).
    caesarean_only = models.BooleanField(default=False)
    # Says when to get help: goes before the other tips of the same trigger.
    safety = models.BooleanField(default=False)
    # The catalogue exercise this tip explains; the day log links the exercise to it.
    exercise = models.SlugField(max_length=40, blank=True, default="")
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("sort_order", "key")

    def __str__(self) -> str:
        return self.key

    def _localized(self, field: str) -> str:
        language = (get_language() or "en").lower()
        suffix = "zh" if language.startswith("zh") else "en"
        return getattr(self, f"{field}_{suffix}")

    @property
    def title(self) -> str:
        return self._localized("title")

    @property
    def body(self) -> str:
        return self._localized("body")

    @property
    def why(self) -> str:
        return self._localized("why")

    def body_for(self, region: str) -> str:
        """The body in the active language, with the numbers to call in her region (never
        those of her language) where it names them."""
        return with_help_numbers(self.body, region)

    @property
    def names_emergency_services(self) -> bool:
        """Whether the body tells her to call emergency services: its page has the numbers to
        tap."""
        return "{emergency}" in self.body_en

    def start_week(self, delivery_type: str) -> int:
        """The week after the birth from which the tip is suitable, for this kind of birth."""
        start = self.min_weeks
        # When we do not know how she gave birth, assume the slower caesarean recovery.
        if not knows_birth_was_vaginal(delivery_type) and self.caesarean_min_weeks is not None:
            start = max(start, self.caesarean_min_weeks)
        return start

    def suits(self, weeks_postpartum: int | None, delivery_type: str) -> bool:
        """Whether the tip fits her kind of birth and her stage of recovery.

        With the stage unknown, only tips suitable from the first days go out. Those include
        cautions for the early months, such as skipping sit-ups: a caution that comes late does
        no harm, while missing it early can.
        """
        if self.caesarean_only and knows_birth_was_vaginal(delivery_type):
            return False
        start = self.start_week(delivery_type)
        if weeks_postpartum is None:
            return start == 0
        if weeks_postpartum < start:
            return False
        return self.max_weeks is None or weeks_postpartum < self.max_weeks


def knows_birth_was_vaginal(delivery_type: str) -> bool:
    return delivery_type in ("vaginal", "assisted")
