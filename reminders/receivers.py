"""Reminders follow what happens to her account (tracker.signals); connected in apps.py."""

from django.dispatch import receiver

from reminders.schedules import create_default_schedules, reschedule_user
from tracker.signals import signed_up, time_zone_changed


@receiver(signed_up)
def give_default_reminders(sender, user, **kwargs) -> None:
    create_default_schedules(user)


@receiver(time_zone_changed)
def move_reminders_to_her_time_zone(sender, user, **kwargs) -> None:
    reschedule_user(user)
