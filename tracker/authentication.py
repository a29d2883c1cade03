"""Who a request is: API tokens, and the demo account refused wherever the demo is off."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from core.email_addresses import normalized_email
from tracker.demo import DEMO_EMAIL
from tracker.models import ApiToken, User


def is_refused_demo(email: str | None) -> bool:
    """Whether this is the demo account where the demo is off (production): its password is
    public, so it must open nothing, even if a database from a development run holds it."""
    return not settings.DEMO_ENABLED and normalized_email(email) == DEMO_EMAIL


class AccountBackend(ModelBackend):
    """Email and password, as Django's ModelBackend, but the demo account is refused where the
    demo is off: at log-in, and for a session that was logged in to it.

    Django's ModelBackend stays listed after this one only so that sessions logged in before
    this backend existed stay valid; a log-in never falls through to it (a wrong password
    stops here), so no password is ever checked twice.
    """

    def authenticate(self, request, username=None, password=None, **credentials):
        if is_refused_demo(username or credentials.get(User.USERNAME_FIELD)):
            raise PermissionDenied
        user = super().authenticate(request, username, password, **credentials)
        if user is None:
            raise PermissionDenied
        return user

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and not is_refused_demo(user.email)


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>`, looked up by the token's hash; an expired one fails."""

    model = ApiToken

    def authenticate_credentials(self, key: str):
        token = (
            ApiToken.objects.usable()
            .select_related("user", "user__profile")
            .filter(key_hash=ApiToken.hash(key))
            .first()
        )
        if token is None or not token.user.is_active or is_refused_demo(token.user.email):
            raise AuthenticationFailed("Invalid token.")
        now = timezone.now()
        # Record use at most hourly: a write on every request would cost more than it tells.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 3600:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
