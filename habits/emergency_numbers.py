"""Emergency and crisis numbers for the places we know, and her place from her time zone.

Every number here was checked against an official source, named beside it (November and
December 2026). A place or a helpline we could not check is left out on purpose: she then sees
the general lists, each number with the place it works in, which is safer than a wrong one. Add
a number only with its source. Tips and guidance take the numbers from her region, never from
her language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy


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
    (PhoneLine("999", "999"), pgettext_lazy("emergency number", "UK and Hong Kong")),
    (PhoneLine("119", "119"), dict(REGION_CHOICES)["TW"]),
    (PhoneLine("911", "911"), pgettext_lazy("emergency number", "US and Canada")),
    (PhoneLine("112", "112"), pgettext_lazy("emergency number", "EU")),
)

# Helplines for thoughts of self-harm. Emergency services stay the first call when she might act.
CRISIS_LINES: dict[str, tuple[tuple[PhoneLine, object], ...]] = {
    # National Health Commission, reported by People's Daily and Xinhua (Dec 2024, Dec 2025):
    # 12356 is the national psychological help line, open in every province since May 2025,
    # at least 18 hours a day (hours may differ by province: emergency services stay first).
    "CN": ((PhoneLine("12356", "12356"), _("the national mental health helpline")),),
    # Hong Kong Government news (news.gov.hk, 27 Dec 2023) and Department of Health press
    # release (info.gov.hk, 10 Oct 2025): "18111 - Mental Health Support Hotline", staffed 24
    # hours a day all year round.
    "HK": ((PhoneLine("18111", "18111"), _("Mental Health Support Hotline, day or night")),),
    # Ministry of Health and Welfare press release (Lunar New Year 2026) and Hualien County
    # Health Bureau (Jan 2026): 1925 安心專線, free, 24 hours a day.
    "TW": ((PhoneLine("1925", "1925"), _("1925 support line, free, day or night")),),
    # samaritans.org: 116 123 is free from any phone, day or night. NHS trusts in England and the
    # Welsh Government: NHS 111, mental health option, round the clock.
    "GB": (
        (PhoneLine("116123", "116 123"), _("Samaritans, free, day or night")),
        (PhoneLine("111", "111"), _("NHS 111, choose the mental health option (England, Wales)")),
    ),
    # FCC and HHS: the 988 Suicide & Crisis Lifeline, by call or text, day or night. HRSA
    # (mchb.hrsa.gov) and HHS (May 2023): the National Maternal Mental Health Hotline,
    # 1-833-TLC-MAMA, call or text, 24/7, free; not a crisis line (HRSA's FAQ), so 988 first.
    "US": (
        (PhoneLine("988", "988"), _("988 Suicide & Crisis Lifeline, call or text")),
        (
            PhoneLine("18338526262", "1-833-852-6262"),
            _("National Maternal Mental Health Hotline, for new mothers, call or text"),
        ),
    ),
    # Public Health Agency of Canada, 30 Nov 2023: 9-8-8 Suicide Crisis Helpline, call or text,
    # in English and French, 24 hours a day, across Canada.
    "CA": ((PhoneLine("988", "988"), _("9-8-8 Suicide Crisis Helpline, call or text")),),
}

# When we do not know where she is: the helplines above, each with its place.
GENERAL_CRISIS_LINES = ("CN", "HK", "TW", "GB", "US", "CA")

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
    """Checked helplines for thoughts of self-harm in her region; where her region is unknown,
    every checked one with its place; none for a region we know of none in."""
    if region:
        return [
            {
                "dial": line.dial,
                "label": str(_("%(number)s: %(name)s") % {"number": line.shown, "name": name}),
            }
            for line, name in CRISIS_LINES.get(region, ())
        ]
    places = dict(REGION_CHOICES)
    return [
        {
            "dial": line.dial,
            "label": str(
                _("%(number)s: %(name)s (%(place)s)")
                % {"number": line.shown, "name": name, "place": places[known]}
            ),
        }
        for known in GENERAL_CRISIS_LINES
        for line, name in CRISIS_LINES[known]
    ]


def help_numbers(region: str) -> dict[str, str]:
    """The numbers a tip's text names, as words in the active language: `emergency` (her
    region's emergency number, or the general list with places) and `helplines`."""
    separator = pgettext("list separator", ", ")
    if region in EMERGENCY_NUMBERS:
        emergency = pgettext("phone numbers", " or ").join(
            line.shown for line in EMERGENCY_NUMBERS[region]
        )
    else:
        emergency = separator.join(
            str(pgettext("number in a place", "%(place)s: %(number)s"))
            % {"place": place, "number": line.shown}
            for line, place in GENERAL_EMERGENCY_NUMBERS
        )
    # Their labels hold commas ("Samaritans, free, day or night"): apart by semicolons.
    helplines = pgettext("clause separator", "; ").join(
        line["label"] for line in crisis_lines(region)
    )
    return {"emergency": emergency, "helplines": helplines or emergency}


def with_help_numbers(text: str, region: str) -> str:
    """A tip's text with {emergency} and {helplines} filled in from her region, never from
    her language: a Chinese reader in London is given 999, not 120."""
    if "{" not in text:
        return text
    numbers = help_numbers(region)
    return text.replace("{emergency}", numbers["emergency"]).replace(
        "{helplines}", numbers["helplines"]
    )
