"""The backup carries every field of her profile but the ones that must stay behind."""

from datetime import date, time

import pytest
from django.db import models
from django.test.utils import isolate_apps

from reports.backup import NOT_IN_BACKUP, backup_fields, dump, load
from tracker.models import Profile, User


def profile_fields_that_travel() -> set[str]:
    """Read from the model itself, not from reports.backup."""
    return {
        field.name
        for field in Profile._meta.get_fields()
        if field.concrete and not field.auto_created and field.name != "user"
    }


@pytest.mark.django_db
def test_every_profile_field_is_in_the_backup(user):
    assert set(dump(user)["profile"]) == profile_fields_that_travel()


def test_what_stays_behind_names_real_fields_with_a_reason():
    names = {field.name for field in Profile._meta.concrete_fields}
    assert set(NOT_IN_BACKUP) <= names
    assert all(reason.strip() for reason in NOT_IN_BACKUP.values())


@isolate_apps("tracker")
def test_a_field_added_to_the_profile_travels_without_a_change_to_the_backup():
    fields = {
        field.name: field.clone() for field in Profile._meta.local_fields if field.name != "id"
    }
    fields["user"] = models.OneToOneField(User, on_delete=models.CASCADE, related_name="+")
    fields["favourite_chair"] = models.CharField(max_length=40, blank=True)
    copy = type("ProfileCopy", (models.Model,), {"__module__": "tracker.models", **fields})

    assert backup_fields(copy) == (*backup_fields(Profile), "favourite_chair")


@pytest.mark.django_db
def test_every_profile_field_comes_back_as_it_was(user):
    profile = user.profile
    profile.display_name = "Li Na"
    profile.baby_birth_date = date(2026, 7, 25)
    profile.delivery_type = "assisted"
    profile.feeding_mode = "bottle"
    profile.time_zone = "Asia/Shanghai"
    profile.language = "zh-hans"
    profile.epidural = "yes"
    profile.back_pain_before_pregnancy = "no"
    profile.back_pain_in_pregnancy = "yes"
    profile.postnatal_check_done = "no"
    profile.country = "CN"
    profile.quiet_start, profile.quiet_end = time(21, 30), time(6, 0)
    profile.visit_questions = "When can I lift the pram?"
    profile.save()
    restored = User.objects.create_user("restored@example.com", "another-long-password-3")

    load(restored, dump(user))

    restored.profile.refresh_from_db()
    for name in profile_fields_that_travel():
        assert getattr(restored.profile, name) == getattr(profile, name), name
