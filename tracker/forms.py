from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from tracker.models import Profile, User, UserManager
from tracker.signals import signed_up
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
    time_zone = forms.CharField(initial="UTC", widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def clean_email(self) -> str:
        email = UserManager.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _("An account with this email already exists. Log in instead.")
            )
        return email

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"]
        if zone not in all_zones():
            raise forms.ValidationError(_("Unknown time zone: %(zone)s") % {"zone": zone})
        # Browsers may give an old name (Asia/Calcutta); the profile keeps the current one.
        return canonical_zone(zone)

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
    time_zone = forms.ChoiceField(label=_("Time zone"), widget=ZoneSelect)

    class Meta:
        model = Profile
        fields = (
            "display_name",
            "baby_birth_date",
            "delivery_type",
            "feeding_mode",
            "time_zone",
            "language",
        )
        widgets = {"baby_birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
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
