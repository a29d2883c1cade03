from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import parse_day_date
from insights.series import RANGES
from reports.models import ExportFormat, Paper, ShareLink
from reports.ranges import too_long
from tracker.models import Profile, User

RANGE_CHOICES = [
    ("2w", _("Last 2 weeks")),
    ("6w", _("Last 6 weeks")),
    ("3m", _("Last 3 months")),
    ("all", _("Everything")),
    ("custom", _("Choose dates")),
]
SHARE_DAYS = [(1, _("1 day")), (7, _("7 days")), (14, _("14 days")), (30, _("30 days")),
              (90, _("90 days"))]  # fmt: skip
DEFAULT_SHARE_DAYS = 14
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RangeForm(forms.Form):
    """Which days: a named range ending today, or dates she picks."""

    range = forms.ChoiceField(label=_("Days"), choices=RANGE_CHOICES, initial="3m")
    start = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)
    paper = forms.ChoiceField(label=_("Paper size"), choices=Paper.choices, initial=Paper.A4)

    # Two of these forms share the Export page: each needs its own element ids.
    id_prefix = "range"

    def __init__(self, *args, user: User, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("range") != "custom":
            return cleaned
        today = self.user.profile.local_today()
        for name in ("start", "end"):
            if cleaned.get(name) is not None:
                try:
                    parse_day_date(cleaned[name].isoformat())
                except ValueError as e:
                    self.add_error(name, str(e))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None and "start" not in self.errors:
            self.add_error("start", _("Choose the first day."))
        if end is None and "end" not in self.errors:
            self.add_error("end", _("Choose the last day."))
        if start and end and start > end:
            self.add_error("start", _("The first day must not be after the last day."))
        if end and end > today:
            self.add_error("end", _("The last day cannot be in the future."))
        if start and start > today:
            self.add_error("start", _("The first day cannot be in the future."))
        if start and self.for_a_report() and "start" not in self.errors:
            problem = too_long(start, end, today)
            if problem:
                self.add_error("start", problem)
        return cleaned

    def for_a_report(self) -> bool:
        """Whether the days make a report (reports.ranges), which covers at most MAX_DAYS."""
        return False

    def dates(self) -> tuple[date | None, date | None]:
        """The chosen days; None ends are open (from her first log, up to today)."""
        choice = self.cleaned_data["range"]
        if choice == "custom":
            return self.cleaned_data["start"], self.cleaned_data["end"]
        days = RANGES[choice]
        if days is None:
            return None, None
        today = self.user.profile.local_today()
        return today - timedelta(days=days - 1), None


class ExportForm(RangeForm):
    id_prefix = "export"
    format = forms.ChoiceField(label=_("Format"), choices=ExportFormat.choices)

    def for_a_report(self) -> bool:
        return self.cleaned_data.get("format") == ExportFormat.PDF


class ShareForm(RangeForm):
    id_prefix = "share"
    label = forms.CharField(
        label=_("Who is it for? (only you see this)"), max_length=80, required=False
    )
    days_valid = forms.TypedChoiceField(
        label=_("The link works for"), choices=SHARE_DAYS, coerce=int, initial=DEFAULT_SHARE_DAYS
    )

    def for_a_report(self) -> bool:
        return True

    def save(self) -> tuple[ShareLink, str]:
        start, end = self.dates()
        return ShareLink.issue(
            self.user,
            self.cleaned_data["days_valid"],
            label=self.cleaned_data["label"],
            start_date=start,
            end_date=end,
            paper=self.cleaned_data["paper"],
        )


class QuestionsForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ("visit_questions",)
        widgets = {"visit_questions": forms.Textarea(attrs={"rows": 4})}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Backup file (.json)"))
