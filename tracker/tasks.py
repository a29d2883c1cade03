from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from tracker.models import ApiToken
from tracker.sessions_of_users import forget_ended_sessions


@shared_task
def clear_expired_sessions() -> int:
    """Delete expired sessions and API tokens; returns how many sessions went."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    forget_ended_sessions()
    ApiToken.delete_expired()
    return deleted
