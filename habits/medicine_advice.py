"""What to do when a logged dose passes a limit (habits.dose_limits), and the cautions shown
when she picks a medicine: in our words, in her language, with the numbers of her region.
Never a dose suggestion: limits, and who to ask.

Sources: the limits' own (see habits.dose_limits); MHRA Drug Safety Update (July 2013) and
FDA Drug Safety Communication (April 2017) on codeine and tramadol while breastfeeding; NHS
"Ibuprofen for adults" (who should check first: asthma made worse by NSAIDs, a stomach ulcer or
bleeding, kidney problems, blood thinners); NICE NG133 (kidney function after severe
pre-eclampsia); low-molecular-weight heparin after a caesarean (RCOG Green-top 37a), which
ibuprofen's bleeding risk adds to; aspirin is not a painkiller for breastfeeding mothers (NHS,
"Aspirin for pain relief": not while breastfeeding).
"""

from django.utils.translation import gettext_lazy

from habits.dose_limits import IBUPROFEN, PARACETAMOL, DoseAlert
from habits.emergency_numbers import emergency_lines
from habits.medicines import OTHER_MEDICINE

# How urgent an alert is, as the page colours it: "urgent" (get advice now, with the numbers to
# call) or "today" (a doctor or pharmacist today) or "caution".
URGENT = "urgent"
TODAY = "today"
CAUTION = "caution"

PARACETAMOL_TOO_MUCH = gettext_lazy(
    "More than the safe maximum (1 g a dose, 4 g in 24 hours, 4 hours apart; less if you weigh "
    "under 50 kg, and follow the packet if it says less). If this is right, get urgent advice "
    "now, even if you feel well: too much paracetamol harms the liver before you feel ill."
)
COLD_REMEDIES = gettext_lazy(
    "Count the paracetamol in cold and flu remedies too (for example 感冒灵, 泰诺, 白加黑, "
    "快克, Lemsip)."
)
IBUPROFEN_OVER_COUNTER = gettext_lazy(
    "That is more than the over-the-counter limit: take more only if a doctor advised it, and "
    "take it with food."
)
IBUPROFEN_TOO_MUCH = gettext_lazy(
    "That is more than even a doctor prescribes. Talk to a doctor or pharmacist today, and "
    "take it with food."
)
LOGGED_BY_MISTAKE = gettext_lazy("Logged by mistake? Change or delete the dose above.")

# (medicine, rule) -> (how urgent, the title with %(mg)s or %(minutes)s, what to do)
ALERTS = {
    (PARACETAMOL, "single_dose"): (
        URGENT,
        gettext_lazy("Paracetamol: over 1 g in one dose (%(mg)s mg)"),
        PARACETAMOL_TOO_MUCH,
    ),
    (PARACETAMOL, "daily_total"): (
        URGENT,
        gettext_lazy("Paracetamol: over 4 g in 24 hours (%(mg)s mg)"),
        PARACETAMOL_TOO_MUCH,
    ),
    (PARACETAMOL, "too_soon"): (
        URGENT,
        gettext_lazy("Paracetamol: two doses under 4 hours apart (%(minutes)s min)"),
        PARACETAMOL_TOO_MUCH,
    ),
    (IBUPROFEN, "single_dose"): (
        TODAY,
        gettext_lazy("Ibuprofen: over 800 mg in one dose (%(mg)s mg)"),
        IBUPROFEN_TOO_MUCH,
    ),
    (IBUPROFEN, "daily_total"): (
        TODAY,
        gettext_lazy("Ibuprofen: over 2,400 mg in 24 hours (%(mg)s mg)"),
        IBUPROFEN_TOO_MUCH,
    ),
    (IBUPROFEN, "over_counter"): (
        CAUTION,
        gettext_lazy("Ibuprofen: over 1,200 mg in 24 hours (%(mg)s mg)"),
        IBUPROFEN_OVER_COUNTER,
    ),
}

# Shown in the medicine form when she picks the medicine (ibuprofen: until she has logged it
# once).
CAUTIONS = {
    IBUPROFEN: gettext_lazy(
        "Ask a doctor or pharmacist first if you have asthma that ibuprofen or aspirin made "
        "worse, a stomach ulcer or bleeding, kidney problems (including after severe "
        "pre-eclampsia), or you are having blood-thinning injections, as many mothers do after "
        "a caesarean."
    ),
    OTHER_MEDICINE: gettext_lazy(
        "While breastfeeding, avoid codeine and tramadol unless a doctor prescribed them knowing "
        "you breastfeed; if the baby is unusually sleepy, floppy or hard to wake, or feeds or "
        "breathes poorly, get help now. Do not take aspirin for pain."
    ),
}


def alert_payload(alert: DoseAlert, region: str) -> dict:
    """An alert as the day's API answers it: the medicine, the rule broken, and what to do, in
    the active language (the numbers to call when it is urgent)."""
    level, title, body = ALERTS[(alert.medicine, alert.rule)]
    figures = {"mg": alert.amount_mg, "minutes": alert.gap_minutes}
    return {
        **alert.as_json(),
        "level": level,
        "title": str(title) % figures,
        "message": " ".join(str(text) for text in alert_texts(alert.medicine, body)),
        "lines": emergency_lines(region) if level == URGENT else [],
    }


def alert_texts(medicine: str, body) -> list:
    texts = [body]
    if medicine == PARACETAMOL:
        texts.append(COLD_REMEDIES)
    return texts


def page_texts(region: str) -> dict:
    """What the page's script needs to show an alert and a caution itself, offline too: each
    alert's words ({mg} and {minutes} for it to fill), the numbers to call, the cautions."""
    alerts = {}
    for (medicine, rule), (level, title, body) in ALERTS.items():
        alerts[f"{medicine}.{rule}"] = {
            "level": level,
            "title": str(title) % {"mg": "{mg}", "minutes": "{minutes}"},
            "message": " ".join(str(text) for text in alert_texts(medicine, body)),
        }
    return {
        "alerts": alerts,
        "mistake": str(LOGGED_BY_MISTAKE),
        "lines": emergency_lines(region),
        "cautions": {key: str(text) for key, text in CAUTIONS.items()},
    }
