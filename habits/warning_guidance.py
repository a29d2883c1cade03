"""What to do when a warning sign is ticked: a plain answer at once, never a reminder tip."""

from django.utils.translation import gettext_lazy as _

from habits.emergency_numbers import crisis_lines, emergency_lines
from habits.models import CatalogueItem

Urgency = CatalogueItem.Urgency

GUIDANCE = {
    Urgency.EMERGENCY: {
        "title": _("Call emergency services now"),
        "body": _(
            "This can be a sign of something serious that needs help straight away. Call your "
            "local emergency number or go to the nearest emergency department. Do not wait to "
            "see if it passes."
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

# Headings for the list of signs she can tick, grouped by urgency; the last is softer on purpose,
# so that common problems worth a check-up do not sit under an alarm.
GROUP_HEADINGS = {
    Urgency.EMERGENCY: _("Call for help now"),
    Urgency.DOCTOR_TODAY: _("See a doctor today"),
    Urgency.GP: _("Worth a check-up"),
}

# The app cannot call anyone: she must not think that ticking a box has raised an alarm.
CANNOT_SEND_HELP = _(
    "This app cannot send help or tell anyone. You, or someone with you, must call."
)

# Signs that need more than their urgency's general words.
SIGN_GUIDANCE = {
    "self_harm_thoughts": _(
        "You are not alone and this is not your fault: many mothers have these thoughts, and "
        "help works. If you might act on them, call emergency services now or ask someone near "
        "you to call. Put the baby somewhere safe, such as the cot, and stay with another adult. "
        "Tell your midwife or doctor today, even if you feel safe now."
    ),
    "psychosis_signs": _(
        "This can be an illness that starts suddenly after birth, and it is treatable. Ask "
        "another adult to stay with you and the baby and to make the call with you."
    ),
    "fever": _(
        "With back pain and new weakness or numbness in your legs after an epidural, or if "
        "you feel very unwell, call emergency services now."
    ),
    "one_leg_weak": _(
        "With a fever and back pain after an epidural, or in both legs, call emergency "
        "services now. If it came on suddenly, with your face drooping on one side, a weak arm "
        "or trouble speaking, it can be a stroke: call emergency services now."
    ),
    # NHS "Stroke" (act FAST): the time it started decides the treatment.
    "stroke_signs": _("Note the time it started: the ambulance team will ask."),
    # NICE NG133 (hypertension in pregnancy) and NHS "Pre-eclampsia": it can start in the
    # weeks after the birth; pain under the right ribs is one of its signs.
    "upper_tummy_pain": _(
        "With a headache, blurred vision, or sudden swelling of your face, hands or feet, call "
        "emergency services now: this can be pre-eclampsia, which can start after the birth."
    ),
    # NICE NG234 (spinal metastases and metastatic spinal cord compression): new back pain
    # after cancer is discussed with the acute oncology team within 24 hours.
    "past_cancer_new_pain": _(
        "If a cancer team looks after you, call them today. With numbness or weakness in your "
        "legs, or new trouble with your bladder or bowel, call emergency services now."
    ),
    "pain_after_fall": _(
        "If you feel numb or weak, cannot stand, or hit your head, call emergency services "
        "now. If you were carrying the baby, have the baby checked too."
    ),
    "headache_upright": _(
        "A sudden or very severe headache, or one with blurred vision, swelling, vomiting, fits "
        "or drowsiness, needs emergency services now."
    ),
    "night_pain_constant": _("With a fever or weight loss as well, see a doctor today."),
    "front_pelvic_pain": _(
        "This is usually pelvic girdle pain, which a physiotherapist can treat. Keep your "
        "knees together when you turn in bed or get into a car."
    ),
}

# Signs whose guidance lists the helplines for thoughts of self-harm.
CRISIS_LINE_SIGNS = ("self_harm_thoughts",)
# Blocks that say "call emergency services" (the emergency block, and the same-day block's "if
# it gets worse quickly"): they carry the tap-to-call lines.
CALL_URGENCIES = (Urgency.EMERGENCY, Urgency.DOCTOR_TODAY)

# Under a pain rating with leg symptoms: most leg pain settles, but these do not wait
# (NICE NG59 and the cauda equina pathway; NICE NG158 for a clot in the calf, whose risk is
# highest in the first 6 weeks after a birth).
LEG_SYMPTOMS_GUIDANCE = _(
    "Pain or tingling down one leg is common and usually settles. Call emergency services now if "
    "both legs are weak or numb, you have new numbness around your genitals, bottom or inner "
    "thighs, or you suddenly cannot pass urine or control your bladder or bowel. See a doctor "
    "today if one leg is getting weaker or numb, your calf is swollen, red or painful, or you "
    "have a fever after an epidural."
)

URGENCY_ORDER = [Urgency.EMERGENCY, Urgency.DOCTOR_TODAY, Urgency.GP]


def guidance_payload(region: str = "") -> dict:
    """The guidance in the active language, with the phone lines for her region.

    `region` is one of habits.emergency_numbers.REGION_CHOICES, or "" when unknown (then the
    emergency block lists the numbers of the places the app is used most).
    """
    helplines = crisis_lines(region)
    return {
        "urgency": {
            str(urgency): {"title": str(text["title"]), "body": str(text["body"])}
            for urgency, text in GUIDANCE.items()
        },
        "signs": {key: str(text) for key, text in SIGN_GUIDANCE.items()},
        "call": {
            "lines": emergency_lines(region),
            "note": str(CANNOT_SEND_HELP),
            "for": [str(urgency) for urgency in CALL_URGENCIES],
        },
        "sign_lines": {key: helplines for key in CRISIS_LINE_SIGNS if helplines},
    }
