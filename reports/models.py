"""Share links for her doctor, who opened them, and exports made in the background."""

import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.models import ApiToken


class Paper(models.TextChoices):
    A4 = "a4", _("A4")
    LETTER = "letter", _("Letter")


class ShareLinkQuerySet(models.QuerySet):
    def active(self, now: datetime | None = None) -> "ShareLinkQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ShareLink(models.Model):
    """A read-only link to her pain history that a doctor opens without logging in.

    The token holds 256 random bits and is shown to her once, when the link is made; only its
    SHA-256 is stored, so a copy of the database opens nobody's history. A link expires and can
    be revoked; either way it then answers 404, like a token that never existed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("who it is for"), max_length=80, blank=True)
    # The days shown; no end means "up to the day it is opened", so a link made a week before
    # the visit still shows the latest days.
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    paper = models.CharField(max_length=10, choices=Paper.choices, default=Paper.A4)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    # Links that work at once, per account: one for each doctor, midwife and physiotherapist
    # she sees, with room to spare.
    MAX_ACTIVE_PER_USER = 20

    class TooMany(Exception):
        """She has as many working links as an account can have."""

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.user} {self.label or self.pk}"

    # The same one-way hash as API tokens: a leaked table opens nothing.
    hash = staticmethod(ApiToken.hash)

    @classmethod
    def issue(
        cls,
        user,
        days_valid: int,
        label: str = "",
        start_date: date | None = None,
        end_date: date | None = None,
        paper: str = Paper.A4,
    ) -> tuple["ShareLink", str]:
        """A new link; returns it with its raw token, which is never stored. Raises TooMany
        when she has MAX_ACTIVE_PER_USER links that work."""
        raw = secrets.token_urlsafe(32)
        with transaction.atomic():
            user.lock()
            if cls.objects.active().filter(user=user).count() >= cls.MAX_ACTIVE_PER_USER:
                raise cls.TooMany()
            link = cls.objects.create(
                user=user,
                token_hash=cls.hash(raw),
                label=label,
                start_date=start_date,
                end_date=end_date,
                paper=paper,
                expires_at=timezone.now() + timedelta(days=days_valid),
            )
        return link, raw

    @classmethod
    def too_many_message(cls) -> str:
        return _(
            "You have %(count)s links that work, the most one account can have: revoke one to "
            "make another."
        ) % {"count": cls.MAX_ACTIVE_PER_USER}

    @classmethod
    def find(cls, raw: str) -> "ShareLink | None":
        """The active link with this token, or None (unknown, expired and revoked alike)."""
        return (
            cls.objects.active()
            .select_related("user__profile")
            .filter(token_hash=cls.hash(raw))
            .first()
        )

    def is_active(self, now: datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def record_access(self, what: str, user_agent: str = "") -> None:
        """Note that the doctor opened the page or downloaded a file, for her to see."""
        now = timezone.now()
        with transaction.atomic():
            AccessLog.objects.create(link=self, what=what, user_agent=user_agent[:200], at=now)
            ShareLink.objects.filter(pk=self.pk).update(
                open_count=F("open_count") + 1, last_opened_at=now
            )


class AccessLog(models.Model):
    """One opening of a share link: when, and what was read. No IP address is kept."""

    class What(models.TextChoices):
        PAGE = "page", _("Opened the summary")
        PDF = "pdf", _("Downloaded the PDF report")
        CSV = "csv", _("Downloaded the CSV")
        FHIR = "fhir", _("Downloaded the FHIR file")

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="accesses")
    what = models.CharField(max_length=10, choices=What.choices)
    user_agent = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.link_id} {self.what} {self.at:%Y-%m-%d %H:%M}"


class ExportFormat(models.TextChoices):
    PDF = "pdf", _("PDF report")
    CSV = "csv", _("CSV spreadsheet")
    FHIR = "fhir", _("FHIR R4 (for health records)")
    JSON = "json", _("Full backup (JSON)")


class ExportJob(models.Model):
    """An export too long to make while she waits on the page: made by a worker, then kept
    for a day for her to download. The file lives in the database, so web servers and workers
    need no shared disk; `size` is its length, so what an account keeps is summed cheaply."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    KEEP_FOR = timedelta(days=1)
    ABANDONED_AFTER = timedelta(minutes=10)
    # What one account's files may take up at once: a full backup of 25 years of days is
    # about 25 MB, so a few of the largest fit, and a thousand requests do not.
    MAX_KEPT_BYTES_PER_USER = 100 * 1024 * 1024

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    format = models.CharField(max_length=10, choices=ExportFormat.choices)
    start_date = models.DateField()
    end_date = models.DateField()
    paper = models.CharField(max_length=10, choices=Paper.choices, default=Paper.A4)
    language = models.CharField(max_length=10, default="en")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    content = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveBigIntegerField(default=0, help_text=_("bytes"))
    filename = models.CharField(max_length=120, blank=True)
    content_type = models.CharField(max_length=80, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.user} {self.format} {self.start_date}..{self.end_date} {self.state}"

    def set_progress(self, percent: int) -> None:
        """Tell the waiting page how far along it is (its own write, seen at once)."""
        self.progress = percent
        ExportJob.objects.filter(pk=self.pk).update(progress=percent)

    @classmethod
    def open_for(cls, user) -> "models.QuerySet[ExportJob]":
        """Her jobs still to be made: waiting, or being made by a worker that is alive."""
        return cls.objects.filter(user=user).filter(
            models.Q(state=cls.State.QUEUED)
            | models.Q(
                state=cls.State.RUNNING, started_at__gte=timezone.now() - cls.ABANDONED_AFTER
            )
        )

    @classmethod
    def kept_bytes(cls, user) -> int:
        """What her files kept for download take up (the expired ones are on their way out)."""
        kept = cls.objects.filter(user=user, created_at__gte=timezone.now() - cls.KEEP_FOR)
        return kept.aggregate(total=models.Sum("size"))["total"] or 0

    @classmethod
    def expired(cls, now: datetime | None = None) -> "models.QuerySet[ExportJob]":
        return cls.objects.filter(created_at__lt=(now or timezone.now()) - cls.KEEP_FOR)

    @classmethod
    def delete_expired(cls, now: datetime | None = None) -> int:
        deleted, _ = cls.expired(now).delete()
        return deleted
