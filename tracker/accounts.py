"""Making an account without telling strangers which addresses already have one, and
deleting one with everything in it.

Sign-up asks for an email address only and always answers "check your email". A new address
is sent a link to finish (choose a password); an address that has an account is sent a note
saying so, with links to log in or reset the password. Only the owner of the inbox learns
which, and nobody can make an account, or guess a password, on an address she cannot read.
The link carries what the form said, signed, so nothing is stored until she finishes.
"""

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tracker.models import User, UserManager
from tracker.sessions_of_users import delete_sessions_of
from tracker.signals import signed_up

SIGNUP_SALT = "tracker.accounts.signup"
SIGNUP_LINK_MAX_AGE = 3 * 24 * 60 * 60


class AccountExists(Exception):
    """The address got an account (another link, another tab) since the link was sent."""


def send_sign_up_email(request: HttpRequest, email: str, time_zone: str, language: str) -> None:
    """Email the link to finish signing up, or, if the address has an account, say so."""
    email = UserManager.normalize_email(email)
    if account_exists(email):
        context = {
            "login_url": request.build_absolute_uri(reverse("login")),
            "reset_url": request.build_absolute_uri(reverse("password_reset")),
        }
        send_account_email(email, "registration/signup_exists", context)
        return
    token = signing.dumps(
        {"email": email, "time_zone": time_zone, "language": language}, salt=SIGNUP_SALT
    )
    link = request.build_absolute_uri(reverse("signup-finish", args=[token]))
    send_account_email(email, "registration/signup_link", {"link": link})


def account_exists(email: str) -> bool:
    return User.objects.filter(email=UserManager.normalize_email(email)).exists()


def send_account_email(email: str, template: str, context: dict) -> None:
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def read_sign_up_link(token: str) -> dict:
    """What the sign-up form said; raises signing.BadSignature for a link that is altered or
    more than three days old."""
    return signing.loads(token, salt=SIGNUP_SALT, max_age=SIGNUP_LINK_MAX_AGE)


def validate_new_password(password: str, email: str) -> None:
    password_validation.validate_password(password, User(email=email))


def create_account(details: dict, password: str) -> User:
    """The account the link stands for; raises AccountExists if the address has one now."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                details["email"],
                password,
                time_zone=details["time_zone"],
                language=details["language"],
            )
            signed_up.send(sender=User, user=user)
    except IntegrityError as e:
        raise AccountExists(details["email"]) from e
    return user


def delete_account(user: User) -> None:
    """Remove her account and everything that is hers, in one transaction, then tell her.

    Every row that points at her goes with her account (each of her models has a foreign key
    to the user that cascades: profile, days, API tokens, reminder schedules and deliveries,
    push subscriptions, share links and their access logs, export jobs and their files), and
    so do her sessions, which hold her id but no key. The push services keep a subscription
    until the browser drops it: the server never pushes to hers again, and the page she sees
    next makes the browser unsubscribe (app.ts).
    """
    email = user.email
    language = user.profile.language
    with transaction.atomic():
        delete_sessions_of(user)  # before her index of them goes with her account
        user.delete()
        transaction.on_commit(lambda: send_deletion_email(email, language))


def send_deletion_email(email: str, language: str) -> None:
    with translation.override(language):
        send_account_email(email, "registration/account_deleted", {})
