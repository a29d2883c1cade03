"""Password guesses, slowed per client address and per account.

Every place that checks a password for log-in (the log-in page, the token API, the admin's
log-in) asks `may_check_password` first. It counts the attempt against the client's address
("auth": 10 a minute) and refuses it when the account named has had its share of wrong
passwords (ACCOUNT_GUESS_THROTTLE_RATE, 20 an hour, from every address together): a guesser
with many addresses, a whole IPv6 block or a lying X-Forwarded-For still gets 20 guesses an
hour at one account. A refused attempt costs no password hash.

Only wrong passwords count against an account (Django's user_login_failed, sent for every
failed authenticate()), so her own log-ins never use up its allowance. An unknown address is
counted the same way, so the limit tells nobody which addresses have accounts. When an
account's allowance runs out, its owner is emailed, at most once an hour: she knows why she
may have to wait, and that someone has been trying.
"""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from core import throttles
from tracker.accounts import send_account_email
from tracker.models import User, UserManager

NOTICE_SCOPE = "account-guess-notice"


def may_check_password(request: HttpRequest, email: str) -> bool:
    """Count an attempt from this client; False (check nothing, answer 429) when this client
    or the account named is over its limit."""
    if not throttles.allow(request, "auth"):
        return False
    return not throttles.account_guesses_used_up(request, email)


@receiver(user_login_failed)
def count_wrong_password(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    email = credentials.get("username") or credentials.get("email")
    if not isinstance(email, str) or not email:
        return
    if throttles.count_wrong_password(request, email):
        tell_the_owner(request, email)


def tell_the_owner(request: HttpRequest | None, email: str) -> None:
    """Email the account's owner that its log-in is paused, at most once an hour."""
    user = (
        User.objects.select_related("profile")
        .filter(email=UserManager.normalize_email(email))
        .first()
    )
    if user is None or not throttles.allow_for(request, NOTICE_SCOPE, throttles.email_key(email)):
        return
    path = reverse("password_reset")
    reset_url = request.build_absolute_uri(path) if request else settings.SITE_URL + path
    with translation.override(user.profile.language):
        send_account_email(user.email, "registration/password_guesses", {"reset_url": reset_url})
