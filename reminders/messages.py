"""What a reminder says, in her language, and where opening it takes her."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from habits.articles import article_title
from habits.models import Tip
from reminders.models import Purpose, ReminderDelivery
from reminders.push import MAX_PAYLOAD_BYTES, encode_payload_unchecked

# Kept from when reminders lived in the habits app: tokens in notifications already sent stay valid.
ACTION_SALT = "habits.reminder-action"
# Snooze and receipts come from the notification, which may be tapped a day later.
ACTION_TOKEN_MAX_AGE = 2 * 24 * 60 * 60
SNOOZE_MINUTES = 30


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    url: str
    tip: Tip | None = None


def compose(delivery: ReminderDelivery, day: date, tip: Tip | None) -> Message:
    """The text of a reminder about `day` (her local date), in her profile's language."""
    with override(delivery.user.profile.language):
        if delivery.purpose == Purpose.LOG_DAY:
            return Message(
                _("How is your back today?"),
                _("Log today's pain, feeds and mood: it takes under a minute."),
                reverse("day", args=[day.isoformat()]),
            )
        if delivery.purpose == Purpose.EXERCISES:
            return Message(
                _("Time for your exercises"),
                _("A few minutes of gentle exercise, then tick them off on today's log."),
                reverse("day", args=[day.isoformat()]) + "#exercises",
            )
        if delivery.purpose == Purpose.PELVIC_FLOOR:
            return Message(
                _("Time for your pelvic-floor session"),
                _("A few minutes with the timer: slow squeezes, then quick ones."),
                reverse("pelvic-floor"),
            )
        if delivery.purpose == Purpose.TIP and tip is not None:
            region = delivery.user.profile.emergency_region
            return Message(tip.title, tip.body_for(region), reverse("tip", args=[tip.key]), tip)
        return Message(
            _("Reminders are working"),
            _("This is how your reminders will arrive on this device."),
            reverse("reminders"),
        )


def action_token(delivery: ReminderDelivery) -> str:
    """Lets the notification snooze or acknowledge its own reminder, and nothing else."""
    return signing.dumps(delivery.pk, salt=ACTION_SALT)


def delivery_from_token(token: str) -> int:
    """The delivery id in a valid token; raises signing.BadSignature otherwise."""
    return signing.loads(token, salt=ACTION_SALT, max_age=ACTION_TOKEN_MAX_AGE)


def push_payload(delivery: ReminderDelivery, message: Message) -> dict:
    """What the service worker receives; see frontend/src/sw.ts."""
    with override(delivery.user.profile.language):
        payload = {
            "id": delivery.pk,
            "title": message.title,
            "body": message.body,
            "url": message.url,
            # Shown once per delivery: a resend after a crash replaces, not repeats, it.
            "tag": f"reminder-{delivery.pk}",
            "token": action_token(delivery),
            "actions": [
                {"action": "open", "title": _("Open")},
                {"action": "snooze", "title": _("Snooze 30 min")},
            ],
        }
    return fit_to_push_limit(payload)


def fit_to_push_limit(payload: dict) -> dict:
    """Cut a long body so the message stays under the push services' size limit.

    The notification shows a few lines at most, and opening it shows the whole text, so a
    shorter body loses nothing; a message over the limit would not be delivered at all.
    """
    body = payload["body"]
    while len(encode_payload_unchecked(payload)) > MAX_PAYLOAD_BYTES:
        body = body[: len(body) * 9 // 10].rstrip()
        payload["body"] = body + "…"
    return payload


def email_text(delivery: ReminderDelivery, message: Message) -> tuple[str, str]:
    """Subject and plain-text body of the email version."""
    with override(delivery.user.profile.language):
        link = settings.SITE_URL.rstrip("/") + message.url
        settings_link = settings.SITE_URL.rstrip("/") + reverse("reminders")
        lines = [message.body, "", link]
        if message.tip is not None:
            sources = "; ".join(str(article_title(name)) for name in message.tip.sources)
            lines += [
                "",
                _("Why: %(why)s") % {"why": message.tip.why},
                _("Source: %(sources)s") % {"sources": sources},
            ]
        lines += ["", _("Change or turn off reminders: %(link)s") % {"link": settings_link}]
        return message.title, "\n".join(lines)
