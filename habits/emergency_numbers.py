"""Emergency and crisis numbers for the places we know, and her place from her time zone.

Every number here was checked against an official source, named beside it (November 2026). A
place or a helpline we could not check is left out on purpose: she then sees the general list of
emergency numbers, which is safer than a wrong one. Add a number only with its source.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class PhoneLine:
    dial: str  # what the phone dials: the tel: link
    shown: str  # how people write it


REGION_CHOICES = [
    ("CN", _("Mainland China")),
    ("HK", _("Hong Kong")),
    ("TW", _("Taiwan")),
    ("GB", _("United Kingdom")),
    ("US", _("United States")),
    ("CA", _("Canada")),
    ("EU", _("A country of the European Union")),
]

EMERGENCY_NUMBERS: dict[str, tuple[PhoneLine, ...]] = {
    # Beijing Municipal Health Commission (wjw.beijing.gov.cn): 120 is the nationwide number.
    "CN": (PhoneLine("120", "120"),),
    # Hong Kong Fire Services Department (hkfsd.gov.hk): emergency ambulance on 999.
    "HK": (PhoneLine("999", "999"),),
    # Hsinchu City Fire Department (hcfd.gov.tw): emergency ambulance on 119.
    "TW": (PhoneLine("119", "119"),),
    # NHS GP and police pages: 999, and 112 reaches the same call centre.
    "GB": (PhoneLine("999", "999"), PhoneLine("112", "112")),
    # FCC (fcc.gov): 9-1-1 is the official emergency number in the United States and Canada.
    "US": (PhoneLine("911", "911"),),
    "CA": (PhoneLine("911", "911"),),
    # EU Universal Service Directive, art. 26, and the European Commission: 112 in every
    # member state, free from any phone.
    "EU": (PhoneLine("112", "112"),),
}

# When we do not know where she is: the numbers of the places the app is used most, each named.
GENERAL_EMERGENCY_NUMBERS: tuple[tuple[PhoneLine, object], ...] = (
    (PhoneLine("120", "120"), pgettext_lazy("emergency number", "mainland China")),
    (PhoneLine("999", "999"), pgettext_lazy("emergency number", "UK")),
    (PhoneLine("911", "911"), pgettext_lazy("emergency number", "US and Canada")),
    (PhoneLine("112", "112"), pgettext_lazy("emergency number", "EU")),
)

# Helplines for thoughts of self-harm. Emergency services stay the first call when she might act.
CRISIS_LINES: dict[str, tuple[tuple[PhoneLine, object], ...]] = {
    # National Health Commission, reported by People's Daily and Xinhua (Dec 2024, Dec 2025):
    # 12356 is the national psychological help line, open in every province since May 2025,
    # at least 18 hours a day.
    "CN": ((PhoneLine("12356", "12356"), _("the national mental health helpline")),),
    # samaritans.org: 116 123 is free from any phone, day or night. NHS trusts in England and the
    # Welsh Government: NHS 111, mental health option, round the clock.
    "GB": (
        (PhoneLine("116123", "116 123"), _("Samaritans, free, day or night")),
        (PhoneLine("111", "111"), _("NHS 111, choose the mental health option (England, Wales)")),
    ),
    # FCC and HHS: the 988 Suicide & Crisis Lifeline, by call or text, day or night.
    "US": ((PhoneLine("988", "988"), _("988 Suicide & Crisis Lifeline, call or text")),),
}

_EU_ZONES = (
    "Europe/Vienna Europe/Brussels Europe/Sofia Europe/Zagreb Asia/Nicosia Asia/Famagusta "
    "Europe/Nicosia Europe/Prague Europe/Copenhagen Europe/Tallinn Europe/Helsinki "
    "Europe/Mariehamn Europe/Paris Europe/Berlin Europe/Busingen Europe/Athens Europe/Budapest "
    "Europe/Dublin Eire Europe/Rome Europe/Riga Europe/Vilnius Europe/Luxembourg Europe/Malta "
    "Europe/Amsterdam Europe/Warsaw Poland Europe/Lisbon Portugal Atlantic/Azores "
    "Atlantic/Madeira Europe/Bucharest Europe/Bratislava Europe/Ljubljana Europe/Madrid "
    "Africa/Ceuta Atlantic/Canary Europe/Stockholm"
)
_US_ZONES = (
    "America/New_York America/Detroit America/Kentucky/Louisville America/Kentucky/Monticello "
    "America/Louisville America/Indiana/Indianapolis America/Indianapolis America/Fort_Wayne "
    "America/Indiana/Vincennes America/Indiana/Winamac America/Indiana/Marengo "
    "America/Indiana/Petersburg America/Indiana/Vevay America/Indiana/Tell_City "
    "America/Indiana/Knox America/Knox_IN America/Chicago America/Menominee "
    "America/North_Dakota/Center America/North_Dakota/New_Salem America/North_Dakota/Beulah "
    "America/Denver America/Boise America/Phoenix America/Los_Angeles America/Anchorage "
    "America/Juneau America/Sitka America/Metlakatla America/Yakutat America/Nome America/Adak "
    "Pacific/Honolulu US/Eastern US/Central US/Mountain US/Pacific US/Alaska US/Hawaii "
    "US/Arizona US/Aleutian US/East-Indiana US/Indiana-Starke US/Michigan Navajo"
)
_CA_ZONES = (
    "America/St_Johns America/Halifax America/Glace_Bay America/Moncton America/Goose_Bay "
    "America/Toronto America/Iqaluit America/Winnipeg America/Resolute America/Rankin_Inlet "
    "America/Regina America/Swift_Current America/Edmonton America/Cambridge_Bay "
    "America/Inuvik America/Dawson_Creek America/Fort_Nelson America/Whitehorse America/Dawson "
    "America/Vancouver America/Atikokan America/Blanc-Sablon America/Creston "
    "Canada/Newfoundland Canada/Atlantic Canada/Eastern Canada/Central Canada/Mountain "
    "Canada/Pacific Canada/Saskatchewan Canada/Yukon"
)
ZONES_BY_REGION = {
    "CN": "Asia/Shanghai Asia/Urumqi PRC Asia/Chongqing Asia/Chungking Asia/Harbin Asia/Kashgar",
    "HK": "Asia/Hong_Kong Hongkong",
    "TW": "Asia/Taipei ROC",
    "GB": "Europe/London GB GB-Eire Europe/Belfast",
    "US": _US_ZONES,
    "CA": _CA_ZONES,
    "EU": _EU_ZONES,
}
REGION_BY_ZONE = {
    zone: region for region, zones in ZONES_BY_REGION.items() for zone in zones.split()
}


def region_for_time_zone(zone: str) -> str:
    """The region whose emergency numbers fit this IANA zone; "" when we have none for it."""
    return REGION_BY_ZONE.get(zone, "")


def emergency_lines(region: str) -> list[dict[str, str]]:
    """Tap-to-call lines for emergency services: her region's, or the general list."""
    if region in EMERGENCY_NUMBERS:
        return [
            {"dial": line.dial, "label": str(_("Call %(number)s") % {"number": line.shown})}
            for line in EMERGENCY_NUMBERS[region]
        ]
    return [
        {
            "dial": line.dial,
            "label": str(_("Call %(number)s (%(place)s)") % {"number": line.shown, "place": place}),
        }
        for line, place in GENERAL_EMERGENCY_NUMBERS
    ]


def crisis_lines(region: str) -> list[dict[str, str]]:
    """Checked helplines for thoughts of self-harm in her region; none when we know of none."""
    return [
        {
            "dial": line.dial,
            "label": str(_("%(number)s: %(name)s") % {"number": line.shown, "name": name}),
        }
        for line, name in CRISIS_LINES.get(region, ())
    ]
