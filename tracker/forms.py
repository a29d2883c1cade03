from datetime import date

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.time_zones import all_zones, canonical_zone, search_text, zone_choices
from habits.emergency_numbers import REGION_CHOICES
from tracker.accounts import validate_new_password
from tracker.models import DOCTOR_QUESTIONS, Profile, User, UserManager


class ZoneSelect(forms.Select):
    """The time zone select, and the search box under it (templates/tracker/_zone_search.html)
    that frontend/src/zone-picker.ts wires up: each option carries the words a search for it
    may type. Without JavaScript it is a plain select."""

    def render(self, name, value, attrs=None, renderer=None) -> str:
        select = super().render(name, value, attrs, renderer)
        search = render_to_string("tracker/_zone_search.html", {"select_id": attrs["id"]})
        return mark_safe(select + search)  # both rendered by templates, escaped there

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["data-search"] = search_text(value)
        return option


class SignupForm(forms.Form):
    """The first step: where to send the link. Whether the address has an account is told
    only in the email (tracker.accounts), never on the page."""

    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    # Filled by the browser with its IANA zone; the profile page can change it later.
    time_zone = forms.CharField(initial="UTC", widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def clean_email(self) -> str:
        return UserManager.normalize_email(self.cleaned_data["email"])

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"]
        if zone not in all_zones():
            raise forms.ValidationError(_("Unknown time zone: %(zone)s") % {"zone": zone})
        # Browsers may give an old name (Asia/Calcutta); the profile keeps the current one.
        return canonical_zone(zone)


class PasswordForm(forms.Form):
    """The password of a new account (the last step of sign-up), checked by the validators."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers."),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_new_password(password, self.email)
        return password


class DeleteAccountForm(forms.Form):
    """Her password and a tick: deleting everything is not a thing to do by a slip."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that everything in my account is deleted and cannot be brought back.")
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), widget=ZoneSelect)

    class Meta:
        model = Profile
        fields = (
            "display_name",
            "baby_birth_date",
            "delivery_type",
            "feeding_mode",
            *DOCTOR_QUESTIONS,
            "time_zone",
            "country",
            "language",
        )
        widgets = {"baby_birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Empty means "work it out from the time zone", so say so instead of "---------".
        self.fields["country"].choices = [("", _("Go by my time zone")), *REGION_CHOICES]
        # Her zone under its current name (Etc/UTC is UTC): the same zone, a findable option.
        current = canonical_zone(self.instance.time_zone)
        self.initial["time_zone"] = current
        field = self.fields["time_zone"]
        field.choices = zone_choices(current)

    def clean_baby_birth_date(self) -> date | None:
        birth_date = self.cleaned_data.get("baby_birth_date")
        # Checked only when she changes it: a date saved before the rule existed still saves.
        if "baby_birth_date" in self.changed_data:
            check_birth_date(birth_date, self.instance.local_today())
        return birth_date


# The oldest baby the app is for: a date further back is far more likely a slip of the year.
OLDEST_BABY_YEARS = 2


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def earliest_birth_date(today: date) -> date:
    return years_before(today, OLDEST_BABY_YEARS)


def check_birth_date(birth_date: date | None, today: date) -> None:
    """Refuse a birth date in the future or from before the babies the app is for."""
    if birth_date is None:
        return
    if birth_date > today:
        raise forms.ValidationError(_("The baby's birth date cannot be in the future."))
    if birth_date < earliest_birth_date(today):
        raise forms.ValidationError(
            _("The baby's birth date cannot be more than %(years)d years ago."),
            params={"years": OLDEST_BABY_YEARS},
        )


class WelcomeForm(forms.ModelForm):
    """The two questions after sign-up that anchor her recovery: when the baby was born and
    how. Both may stay empty (she can skip and answer on her profile later)."""

    delivery_type = forms.ChoiceField(
        label=_("Type of delivery"),
        choices=Profile.DeliveryType.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Profile
        fields = ("baby_birth_date", "delivery_type")
        widgets = {"baby_birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "baby_birth_date": {
                "invalid": _("Enter the baby's birth date as a date, like 2026-05-31.")
            }
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = self.instance.local_today()
        # The phone's date picker offers only the dates the server accepts.
        self.fields["baby_birth_date"].widget.attrs.update(
            min=earliest_birth_date(today).isoformat(), max=today.isoformat()
        )

    def clean_baby_birth_date(self) -> date | None:
        birth_date = self.cleaned_data.get("baby_birth_date")
        check_birth_date(birth_date, self.instance.local_today())
        return birth_date
