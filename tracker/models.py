import hashlib
import secrets
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.content_versions import content_hash
from core.email_addresses import normalized_email
from core.time_zones import zone_label
from habits.emergency_numbers import REGION_CHOICES, region_for_time_zone
from habits.medicines import PAINKILLERS
from tracker.low_mood import LOW_MOOD_AT_MOST

NOTE_MAX_LENGTH = 2000


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **profile_fields) -> "User":
        """Create a user and her profile together, so that every user has a profile."""
        if not email:
            raise ValueError("An email address is required")
        with transaction.atomic():
            user = self.model(email=self.normalize_email(email))
            user.set_password(password)
            user.save(using=self._db)
            Profile.objects.create(user=user, **profile_fields)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.create_user(email, password)
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
        return user

    def get_by_natural_key(self, email: str) -> "User":
        # Log-in must find her whatever case she types her address in.
        return self.get(email=self.normalize_email(email))

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        return normalized_email(email)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = UserManager.normalize_email(self.email)

    def save(self, *args, **kwargs) -> None:
        # set_password() keeps the new raw password in _password until the save, the moment
        # Django itself treats as "password changed" (and a hasher upgrade on log-in clears it
        # first): a new password, by reset, admin or command, ends every API token, as it
        # ends her other sessions.
        password_changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            self.api_tokens.all().delete()

    def lock(self) -> None:
        """Hold her row until the transaction ends, so that what she may have a limited number
        of (reminders, share links, export jobs) is counted and added by one request at a
        time: two at once cannot both take the last place."""
        list(User.objects.select_for_update().filter(pk=self.pk).values_list("pk"))


class YesNo(models.TextChoices):
    """An answer she may leave unsaid: "" until she tells."""

    NOT_SAID = "", _("Not said")
    YES = "yes", _("Yes")
    NO = "no", _("No")


# What a doctor asks at the first visit about back pain after a birth (Profile fields).
DOCTOR_QUESTIONS = (
    "epidural",
    "back_pain_before_pregnancy",
    "back_pain_in_pregnancy",
    "postnatal_check_done",
)


class Profile(models.Model):
    class DeliveryType(models.TextChoices):
        VAGINAL = "vaginal", _("Vaginal birth")
        ASSISTED = "assisted", _("Assisted birth (forceps or vacuum)")
        CAESAREAN = "caesarean", _("Caesarean section")

    class FeedingMode(models.TextChoices):
        BREAST = "breast", _("Breastfeeding")
        BOTTLE = "bottle", _("Bottle feeding")
        MIXED = "mixed", _("Breast and bottle")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        _("your name"), max_length=80, blank=True, help_text=_("Shown on reports for your doctor.")
    )
    baby_birth_date = models.DateField(_("baby's birth date"), null=True, blank=True)
    delivery_type = models.CharField(
        _("type of delivery"), max_length=20, choices=DeliveryType.choices, blank=True
    )
    feeding_mode = models.CharField(
        _("feeding"), max_length=20, choices=FeedingMode.choices, blank=True
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    # What a doctor asks at the first visit about back pain after a birth: printed on the report.
    epidural = models.CharField(
        _("epidural during labour"), max_length=3, choices=YesNo.choices, blank=True
    )
    back_pain_before_pregnancy = models.CharField(
        _("back pain before pregnancy"), max_length=3, choices=YesNo.choices, blank=True
    )
    back_pain_in_pregnancy = models.CharField(
        _("back pain during pregnancy"), max_length=3, choices=YesNo.choices, blank=True
    )
    postnatal_check_done = models.CharField(
        _("6-week postnatal check done"),
        max_length=3,
        choices=YesNo.choices,
        blank=True,
        help_text=_("The check-up about six weeks after the birth."),
    )
    # Where she lives, for the emergency numbers the warning signs show; blank: from her zone.
    country = models.CharField(
        _("where you live"),
        max_length=2,
        choices=REGION_CHOICES,
        blank=True,
        help_text=_("Sets the emergency numbers the app shows."),
    )
    # Night feeds: reminders due in these hours wait until they end. Equal times mean none.
    # Set on the Reminders page; reminders.local_times reads them.
    quiet_start = models.TimeField(_("quiet from"), default=time(22, 0))
    quiet_end = models.TimeField(_("quiet until"), default=time(7, 0))
    # Printed at the end of the report for her doctor, so she does not forget them at the visit.
    visit_questions = models.TextField(
        _("questions for your next visit"), max_length=1000, blank=True
    )

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def time_zone_label(self) -> str:
        """Her zone as she reads it, in the page's language: "Shanghai, UTC+8"."""
        return zone_label(self.time_zone)

    def local_now(self) -> datetime:
        return timezone.now().astimezone(self.zone)

    def local_today(self) -> date:
        return self.local_now().date()

    @property
    def emergency_region(self) -> str:
        """Her region for emergency numbers: as she set it, else from her time zone ("" if
        neither tells us)."""
        return self.country or region_for_time_zone(self.time_zone)

    def days_postpartum(self, day: date) -> int | None:
        if self.baby_birth_date is None:
            return None
        return (day - self.baby_birth_date).days


class SessionOfUser(models.Model):
    """A browser session she logged in with, by key: the session table holds her id only
    inside each session's signed data, so without this, finding her sessions (to delete them
    with her account) meant decoding every session of every user. Written at log-in, gone at
    log-out, with her account, or hourly once the session itself is gone
    (tracker.sessions_of_users)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} {self.session_key[:6]}…"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now: datetime | None = None) -> "ApiTokenQuerySet":
        return self.filter(created_at__gt=(now or timezone.now()) - ApiToken.lifetime())


class ApiToken(models.Model):
    """A bearer token for scripts and other clients, stored only as a SHA-256 hash.

    The raw token is shown once, when issued; a database leak does not leak usable tokens.
    A token works for API_TOKEN_LIFETIME_DAYS after it is issued, until she revokes it on her
    profile page, or until her password changes (User.save), as a session would.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def lifetime() -> timedelta:
        return timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)

    @property
    def expires_at(self) -> datetime:
        return self.created_at + self.lifetime()

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    # Tokens one account keeps at once: a new one beyond them replaces the one made longest
    # ago (rather than being refused: a script that asks for a token each run still works).
    MAX_PER_USER = 20

    @classmethod
    def issue(cls, user: User) -> tuple["ApiToken", str]:
        raw = secrets.token_urlsafe(32)
        with transaction.atomic():
            token = cls.objects.create(user=user, key_hash=cls.hash(raw), prefix=raw[:8])
            kept = cls.objects.filter(user=user).order_by("-created_at", "-id")[: cls.MAX_PER_USER]
            cls.objects.filter(user=user).exclude(
                pk__in=list(kept.values_list("pk", flat=True))
            ).delete()
        return token, raw

    @classmethod
    def delete_expired(cls, now: datetime | None = None) -> int:
        deleted, _ = cls.objects.exclude(pk__in=cls.objects.usable(now).values("pk")).delete()
        return deleted


class FeedingPosture(models.TextChoices):
    UPRIGHT = "upright", _("Upright")
    HUNCHED = "hunched", _("Hunched")


class FeedingSide(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    BOTH = "both", pgettext_lazy("feeding side", "Both")


class SleepQuality(models.TextChoices):
    NOT_SAID = "", _("Not said")
    UNBROKEN = "unbroken", _("Slept through")
    WOKE_FEW = "woke_few", _("Woke once or twice")
    WOKE_OFTEN = "woke_often", _("Woke three times or more")
    HARDLY = "hardly", _("Hardly slept")


class LegSymptom(models.TextChoices):
    DOWN_LEG = "down_leg", _("Pain going down the leg")
    NUMB_TINGLING = "numb_tingling", _("Numbness or tingling in the leg")


# A timed pelvic-floor session is the catalogue's pelvic-floor exercise, done with the timer:
# Insights compares pain with and without it as one exposure, however she logged it.
PELVIC_FLOOR = "pelvic_floor"
# Exposure keys that are not catalogue keys (catalogue keys are unique across kinds).
HUNCHED = FeedingPosture.HUNCHED.value
LOW_MOOD = "low_mood"
PAINKILLER = "painkiller"
# Less than this many hours of sleep is a short night.
SHORT_SLEEP_UNDER_HOURS = 6
SHORT_SLEEP = "short_sleep"
BROKEN_SLEEP = "broken_sleep"
BROKEN_SLEEP_QUALITIES = (SleepQuality.WOKE_OFTEN.value, SleepQuality.HARDLY.value)
# What she writes of a day: the fields a PUT sends and a backup keeps, in this order.
DAY_FIELDS = (
    "mood",
    "mood_tags",
    "habits",
    "warning_signs",
    "note",
    "pain_ratings",
    "feedings",
    "exercises",
    "medicines",
    "sleep_hours",
    "sleep_quality",
    "pain_interference",
    "pelvic_floor_sessions",
    "symptom_checks",
)
# Derived from those on every write (see DayLog.summarize).
SUMMARY_FIELDS = ("pain_mean", "pain_worst", "pain_count", "exposures", "version")


def content_version(document: dict) -> str:
    """The version of a day's content: its ETag, so a phone can tell whether its copy is stale.

    A hash of the content rather than a counter: a replayed body is seen to change nothing
    without reading the day, and two phones that reach the same day agree on its version.
    """
    return content_hash([document[field] for field in DAY_FIELDS])


def unknown_sleep_exposures(sleep_hours: float | None, sleep_quality: str) -> frozenset[str]:
    """The sleep exposures a day cannot tell: without hours, neither a short night nor a long
    one; without a quality, neither broken nor unbroken. Insights leaves such a day out of
    that comparison, rather than counting it as a good night. Takes the stored columns, so
    a query over many days need not load each day's document."""
    unknown = set()
    if sleep_hours is None:
        unknown.add(SHORT_SLEEP)
    if not sleep_quality:
        unknown.add(BROKEN_SLEEP)
    return frozenset(unknown)


class DayLog(models.Model):
    """Everything a mother logged for one local date, kept as one document.

    A day is what the phone edits and syncs as a whole, so it is stored as one row: the items
    (pain ratings, feedings, exercises) are JSON lists whose entries keep the UUID their client
    gave them, in the order she wrote them. tracker.serializers.DaySerializer is the schema;
    tracker.days is the only writer.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="day_logs")
    date = models.DateField()
    mood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    mood_tags = models.JSONField(default=list, blank=True)
    habits = models.JSONField(default=list, blank=True)
    warning_signs = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    # [{"id", "time", "score", "body_areas", "leg_symptoms"}]
    pain_ratings = models.JSONField(default=list, blank=True)
    # [{"id", "time", "position", "supports", "posture", "minutes", "side"}]
    feedings = models.JSONField(default=list, blank=True)
    # [{"id", "time", "exercise", "reps", "minutes"}]
    exercises = models.JSONField(default=list, blank=True)
    # [{"id", "time", "medicine", "name", "dose_mg"}]
    medicines = models.JSONField(default=list, blank=True)
    # Last night's sleep, in hours (halves are exact in a float); None: not logged.
    sleep_hours = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(14)]
    )
    sleep_quality = models.CharField(
        max_length=10, choices=SleepQuality.choices, blank=True, default=""
    )
    # How much pain got in the way of her day, 0 (not at all) to 10 (completely).
    pain_interference = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    # [{"id", "time", "level", "holds", "hold_seconds", "quick_squeezes", "effort"}]: timed
    # pelvic-floor sessions (tracker.recovery_serializers)
    pelvic_floor_sessions = models.JSONField(default=list, blank=True)
    # [{"id", "time", "context", "symptoms", "tummy_gap_fingers"}]: her symptom checks
    symptom_checks = models.JSONField(default=list, blank=True)
    # A summary of the items, kept up to date by save(): insights over years of days read these
    # few values instead of decoding every item of every day.
    pain_mean = models.FloatField(null=True, blank=True, editable=False)
    pain_worst = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    pain_count = models.PositiveSmallIntegerField(default=0, editable=False)
    exposures = models.JSONField(default=list, blank=True, editable=False)
    version = models.CharField(max_length=22, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-date",)
        constraints = [
            models.UniqueConstraint(fields=("user", "date"), name="one_day_log_per_user_and_date"),
            models.CheckConstraint(
                condition=models.Q(mood__isnull=True) | models.Q(mood__gte=1, mood__lte=5),
                name="mood_between_1_and_5",
            ),
            models.CheckConstraint(
                condition=models.Q(sleep_hours__isnull=True)
                | models.Q(sleep_hours__gte=0, sleep_hours__lte=14),
                name="sleep_hours_between_0_and_14",
            ),
            models.CheckConstraint(
                condition=models.Q(pain_interference__isnull=True)
                | models.Q(pain_interference__lte=10),
                name="pain_interference_at_most_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.date}"

    def save(self, *args, **kwargs) -> None:
        self.summarize()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *SUMMARY_FIELDS}
        super().save(*args, **kwargs)

    @property
    def pain_scores(self) -> list[int]:
        return [rating["score"] for rating in self.pain_ratings]

    @property
    def max_pain(self) -> int | None:
        return max(self.pain_scores, default=None)

    @property
    def mean_pain(self) -> float | None:
        scores = self.pain_scores
        return sum(scores) / len(scores) if scores else None

    @property
    def took_painkiller(self) -> bool:
        """Whether she took a pain medicine this day (read from the stored summary)."""
        return PAINKILLER in self.exposures

    @property
    def sleep_logged(self) -> bool:
        """Whether she said anything of last night's sleep (its hours or how broken it was)."""
        return self.sleep_hours is not None or self.sleep_quality != ""

    @property
    def unknown_exposures(self) -> frozenset[str]:
        """The exposure keys this day says nothing about (see unknown_sleep_exposures)."""
        return unknown_sleep_exposures(self.sleep_hours, self.sleep_quality)

    def exposure_keys(self) -> list[str]:
        """Everything that happened this day, as keys: habits, feeding positions, supports and
        a hunched posture, exercises (a timed pelvic-floor session too), low mood, medicines
        taken (and "painkiller" for any pain medicine), a short night and a broken night.
        Insights compares pain with and without each."""
        keys = set(self.habits)
        for feeding in self.feedings:
            keys.add(feeding["position"])
            keys.update(feeding.get("supports") or ())
            if feeding.get("posture") == HUNCHED:
                keys.add(HUNCHED)
        keys.update(exercise["exercise"] for exercise in self.exercises)
        if self.pelvic_floor_sessions:
            keys.add(PELVIC_FLOOR)
        if self.mood is not None and self.mood <= LOW_MOOD_AT_MOST:
            keys.add(LOW_MOOD)
        taken = {medicine["medicine"] for medicine in self.medicines}
        keys.update(taken)
        if taken & PAINKILLERS:
            keys.add(PAINKILLER)
        if self.sleep_hours is not None and self.sleep_hours < SHORT_SLEEP_UNDER_HOURS:
            keys.add(SHORT_SLEEP)
        if self.sleep_quality in BROKEN_SLEEP_QUALITIES:
            keys.add(BROKEN_SLEEP)
        return sorted(keys)

    @property
    def document(self) -> dict:
        return {field: getattr(self, field) for field in DAY_FIELDS}

    @property
    def etag(self) -> str:
        return f'"{self.version}"'

    def summarize(self) -> None:
        self.pain_mean = self.mean_pain
        self.pain_worst = self.max_pain
        self.pain_count = len(self.pain_ratings)
        self.exposures = self.exposure_keys()
        self.version = content_version(self.document)


# Her recovery's own documents (function score, running checklist): defined beside, loaded here.
from tracker.recovery_models import (  # noqa: E402, F401
    CheckContext,
    Effort,
    FunctionActivity,
    FunctionWeek,
    RunningReadiness,
)
