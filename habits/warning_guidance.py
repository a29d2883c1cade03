"""What to do when a warning sign is ticked: a plain answer at once, never a reminder tip."""

from django.utils.translation import gettext_lazy as _

from habits.models import CatalogueItem

Urgency = CatalogueItem.Urgency

GUIDANCE = {
    Urgency.EMERGENCY: {
        "title": _("Call emergency services now"),
        "body": _(
            "This can be a sign of something serious that needs help straight away. Call your "
            "local emergency number (120 in mainland China, 999 in the UK, 911 in the US, 112 "
            "in the EU) or go to the nearest emergency department. Do not wait to see if it passes."
        ),
    },
    Urgency.DOCTOR_TODAY: {
        "title": _("Contact a doctor or midwife today"),
        "body": _(
            "This needs to be checked today. Call your doctor or midwife, or an out-of-hours "
            "service if they are closed. If it gets worse quickly, call emergency services."
        ),
    },
    Urgency.GP: {
        "title": _("See a GP or physiotherapist"),
        "body": _(
            "This is common after birth and can be treated. Book a visit with your GP or a "
            "women's health physiotherapist, and bring your pain history from this app."
        ),
    },
}

# Signs that need more than their urgency's general words.
SIGN_GUIDANCE = {
    "self_harm_thoughts": _(
        "You are not alone and this is not your fault: many mothers have these thoughts, and "
        "help works. If you might act on them, call emergency services now or ask someone near "
        "you to call. Put the baby somewhere safe, such as the cot, and stay with another adult."
    ),
}

URGENCY_ORDER = [Urgency.EMERGENCY, Urgency.DOCTOR_TODAY, Urgency.GP]


def guidance_payload() -> dict[str, dict[str, str]]:
    return {
        "urgency": {
            str(urgency): {"title": str(text["title"]), "body": str(text["body"])}
            for urgency, text in GUIDANCE.items()
        },
        "signs": {key: str(text) for key, text in SIGN_GUIDANCE.items()},
    }
