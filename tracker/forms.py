from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from habits.emergency_numbers import REGION_CHOICES
from tracker.accounts import validate_new_password
from tracker.models import DOCTOR_QUESTIONS, Profile, User, UserManager
from tracker.time_zones import all_zones, canonical_zone, search_text, zone_choices


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

    def clean_baby_birth_date(self):
        birth_date = self.cleaned_data.get("baby_birth_date")
        if birth_date and birth_date > self.instance.local_today():
            raise forms.ValidationError(_("The birth date cannot be in the future."))
        return birth_date
