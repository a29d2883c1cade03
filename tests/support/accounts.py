"""Accounts as a client reaches them: an API token, or the sign-up she goes through."""

import re

from django.core import mail
from django.http import HttpResponse
from rest_framework.test import APIClient

from tracker.models import ApiToken, User


def token_client(user: User) -> APIClient:
    client = APIClient()
    _token, raw = ApiToken.issue(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def sign_up_by_email(client, email: str, password: str, **fields) -> HttpResponse:
    """Sign up as she does: the form, the link in the email, then her password."""
    form = {"email": email, "time_zone": "UTC", "language": "en", **fields}
    sent = len(mail.outbox)
    assert client.post("/signup/", form).status_code == 302
    link = re.search(r"http://testserver(/signup/finish/\S+/)", mail.outbox[sent].body).group(1)
    return client.post(link, {"password": password})
