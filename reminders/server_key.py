"""The VAPID key this server signs pushes with, and the keys its stored subscriptions were made
with.

A browser subscribes with the server's public key (its applicationServerKey), and its push
service then refuses every push not signed with that key. A server restored from a backup with
a new key, or given another VAPID_PRIVATE_KEY by mistake, would fail every push quietly (each
refused, each reminder falling back to email). So each subscription records the fingerprint of
the key it was made with, and a production server holding another key refuses to start
(reminders.checks), saying which key its subscriptions expect.
"""

import base64
import hashlib

from django.db.models import Count

from reminders.models import PushSubscription
from reminders.push import push_configured, vapid_public_key


def key_id(public_key: str) -> str:
    """A public key's fingerprint: the start of the SHA-256 of its 65 bytes, in hex."""
    raw = base64.urlsafe_b64decode(public_key + "=" * (-len(public_key) % 4))
    return hashlib.sha256(raw).hexdigest()[:16]


def current_key_id() -> str:
    return key_id(vapid_public_key())


def subscriptions_by_key() -> dict[str, int]:
    """How many subscriptions were made with each key ("" for those kept before it was noted)."""
    rows = PushSubscription.objects.values("vapid_key_id").annotate(count=Count("id"))
    return {row["vapid_key_id"]: row["count"] for row in rows.order_by("vapid_key_id")}


def other_key_subscriptions() -> dict[str, int]:
    current = current_key_id() if push_configured() else None
    return {key: count for key, count in subscriptions_by_key().items() if key and key != current}


def mismatch() -> str:
    """Why this server's VAPID key cannot push to its stored subscriptions; "" if it can."""
    others = other_key_subscriptions()
    if not others:
        return ""
    count = sum(others.values())
    made_with = ", ".join(sorted(others))
    held = f"holds the key {current_key_id()}" if push_configured() else "has no VAPID key"
    return (
        f"{count} push subscription(s) were made with the VAPID key {made_with}, but this "
        f"server {held}: every push to them would be refused. Set VAPID_PRIVATE_KEY to the "
        "key they were made with (a backup's secrets.env holds it), or, if the key was "
        "replaced on purpose, forget them with `manage.py vapid_status --forget-other-keys` "
        "(each phone subscribes again with the new key when she opens the app)."
    )


def forget_other_key_subscriptions() -> int:
    current = current_key_id()
    deleted, _details = (
        PushSubscription.objects.exclude(vapid_key_id="").exclude(vapid_key_id=current).delete()
    )
    return deleted
