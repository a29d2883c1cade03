from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from core.weekdays import WEEKDAY_INITIALS
from reminders.models import Channel, ReminderSchedule
from reminders.serializers import MAX_TIMES, SCHEDULE_PURPOSES, too_many_times
from tracker.models import Profile

TIME_WIDGET = forms.TimeInput(attrs={"type": "time", "step": 60}, format="%H:%M")


class TimeListWidget(forms.SelectMultiple):
    """Several <input type="time"> with one name; the page leaves spare ones empty."""

    def value_from_datadict(self, data, files, name):
        return [value[:5] for value in data.getlist(name) if value]


class WeekdayToggles(forms.CheckboxSelectMultiple):
    """The weekdays as one row of seven round toggles; each option knows its initial."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["initial"] = WEEKDAY_INITIALS[int(value)]
        return option


class ScheduleForm(forms.ModelForm):
    """One reminder on the Reminders page; the API's ReminderScheduleSerializer is its twin."""

    purpose = forms.ChoiceField(
        label=_("Remind me to"), choices=[(p.value, p.label) for p in SCHEDULE_PURPOSES]
    )
    times = forms.MultipleChoiceField(
        label=_("At"),
        widget=TimeListWidget,
        error_messages={"required": _("Give at least one time.")},
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On"),
        choices=sorted(WEEKDAYS.items()),
        coerce=int,
        widget=WeekdayToggles,
        error_messages={"required": _("Pick at least one day.")},
    )
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices)
    max_times = MAX_TIMES

    class Meta:
        model = ReminderSchedule
        fields = ("purpose", "enabled", "times", "weekdays", "channel", "skip_if_logged")
        labels = {
            "enabled": _("Send this reminder"),
            "skip_if_logged": _("Not if I have already logged it that day"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Any minute of the day; the browser's time inputs send HH:MM.
        self.fields["times"].choices = [
            (f"{h:02d}:{m:02d}", f"{h:02d}:{m:02d}") for h in range(24) for m in range(60)
        ]
        if self.instance.pk:
            self.fields["purpose"].disabled = True

    def clean_times(self) -> list[str]:
        times = sorted(set(self.cleaned_data["times"]))
        if len(times) > MAX_TIMES:
            raise forms.ValidationError(_("At most %(count)d times a day.") % {"count": MAX_TIMES})
        return times

    def clean_weekdays(self) -> list[int]:
        return sorted(set(self.cleaned_data["weekdays"]))

    def clean(self) -> dict:
        cleaned = super().clean()
        purpose = cleaned.get("purpose") or self.instance.purpose
        problem = too_many_times(purpose, cleaned.get("times") or [])
        if problem:
            self.add_error("times", problem)
        return cleaned


class QuietHoursForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ("quiet_start", "quiet_end")
        widgets = {"quiet_start": TIME_WIDGET, "quiet_end": TIME_WIDGET}
        help_texts = {
            "quiet_end": _(
                "Reminders due in these hours wait until they end. Set both the same for none."
            )
        }
