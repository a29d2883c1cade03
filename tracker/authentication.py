from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from tracker.models import ApiToken


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
        if token is None or not token.user.is_active:
            raise AuthenticationFailed("Invalid token.")
        now = timezone.now()
        # Record use at most hourly: a write on every request would cost more than it tells.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 3600:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
