"""Which browser sessions are hers, kept as she logs in and out (tracker.models.SessionOfUser),
so that deleting her account deletes her sessions without reading anyone else's.

A session logged in before this index existed is not in it: it is not deleted with her
account, but it opens nothing (her user is gone) and expires with its cookie.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.http import HttpRequest

from tracker.models import SessionOfUser, User


@receiver(user_logged_in)
def note_her_session(sender, request: HttpRequest, user: User, **kwargs) -> None:
    # Log-in has just given the session a new key (and saved it), the one the browser keeps.
    key = getattr(request, "session", None) and request.session.session_key
    if key:
        SessionOfUser.objects.update_or_create(session_key=key, defaults={"user": user})


@receiver(user_logged_out)
def forget_her_session(sender, request: HttpRequest, user: User | None, **kwargs) -> None:
    key = getattr(request, "session", None) and request.session.session_key
    if key:
        SessionOfUser.objects.filter(session_key=key).delete()


def delete_sessions_of(user: User) -> int:
    """Delete every session logged in as `user` that the index knows; returns how many."""
    keys = SessionOfUser.objects.filter(user=user).values("session_key")
    deleted, _ = Session.objects.filter(session_key__in=keys).delete()
    return deleted


def forget_ended_sessions() -> int:
    """Drop the index rows of sessions that no longer exist (expired and cleared)."""
    ended = SessionOfUser.objects.exclude(session_key__in=Session.objects.values("session_key"))
    deleted, _ = ended.delete()
    return deleted
