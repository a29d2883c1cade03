import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from habits.emergency_numbers import REGION_CHOICES
from tracker.models import Profile, User, UserManager
from tracker.signals import signed_up


def time_zone_choices() -> list[tuple[str, str]]:
    return [(zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones())]


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers."),
    )
    # Filled by the browser with its IANA zone; the profile page can change it later.
    time_zone = forms.ChoiceField(
        choices=time_zone_choices, initial="UTC", widget=forms.HiddenInput
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def clean_email(self) -> str:
        email = UserManager.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _("An account with this email already exists. Log in instead.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                password_validation.validate_password(
                    password, User(email=cleaned.get("email", ""))
                )
            except forms.ValidationError as e:
                self.add_error("password", e)
        return cleaned

    def save(self) -> User:
        with transaction.atomic():
            user = User.objects.create_user(
                self.cleaned_data["email"],
                self.cleaned_data["password"],
                time_zone=self.cleaned_data["time_zone"],
                language=self.cleaned_data["language"],
            )
            signed_up.send(sender=User, user=user)
        return user


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
