import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from habits.emergency_numbers import REGION_CHOICES
from tracker.accounts import validate_new_password
from tracker.models import Profile, User, UserManager


def time_zone_choices() -> list[tuple[str, str]]:
    return [(zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones())]


class SignupForm(forms.Form):
    """The first step: where to send the link. Whether the address has an account is told
    only in the email (tracker.accounts), never on the page."""

    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    # Filled by the browser with its IANA zone; the profile page can change it later.
    time_zone = forms.ChoiceField(
        choices=time_zone_choices, initial="UTC", widget=forms.HiddenInput
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def clean_email(self) -> str:
        return UserManager.normalize_email(self.cleaned_data["email"])


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
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = Profile
        fields = (
            "display_name",
            "baby_birth_date",
            "delivery_type",
            "feeding_mode",
            "time_zone",
            "country",
            "language",
        )
        widgets = {"baby_birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Empty means "work it out from the time zone", so say so instead of "---------".
        self.fields["country"].choices = [("", _("Go by my time zone")), *REGION_CHOICES]

    def clean_baby_birth_date(self):
        birth_date = self.cleaned_data.get("baby_birth_date")
        if birth_date and birth_date > self.instance.local_today():
            raise forms.ValidationError(_("The birth date cannot be in the future."))
        return birth_date
