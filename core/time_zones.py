"""Time zones as she knows them: a place and its offset ("Shanghai, UTC+8"), in her language.

Zones are stored as IANA ids ("Asia/Shanghai"), which mean nothing to most people. City names
come from the Unicode CLDR (through Babel), so they are translated as well as the rest of the
page; the offset is the one in force now, daylight saving time included.
"""

import zoneinfo
from datetime import datetime, timedelta
from functools import lru_cache

from babel.core import get_global
from babel.dates import get_timezone_location
from django.utils import timezone, translation
from django.utils.translation import pgettext

# The one zone without a place: shown as itself.
UTC = "UTC"
UTC_IDS = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Zulu"})
# Zones under these areas are places; the rest (Etc/GMT+5, EST5EDT, ...) are rules, not places.
PLACE_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
MINUS = "\u2212"


def babel_locale() -> str:
    return translation.to_locale(translation.get_language() or "en")


@lru_cache(maxsize=1)
def all_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def canonical_zone(zone: str) -> str:
    """The current name of a zone the browser may give by an old one (Asia/Calcutta)."""
    if zone in UTC_IDS:
        return UTC
    return get_global("zone_aliases").get(zone, zone)


@lru_cache(maxsize=1)
def place_zones() -> tuple[str, ...]:
    """The zones offered in the picker: one per place, under its current name, and UTC."""
    aliases = get_global("zone_aliases")
    places = sorted(
        zone
        for zone in all_zones()
        if zone.split("/", 1)[0] in PLACE_AREAS and "/" in zone and zone not in aliases
    )
    return (UTC, *places)


def utc_offset(zone: str, at: datetime | None = None) -> str:
    """The offset in force at `at` (now by default): "UTC+8", "UTC+5:30", "UTC−3"."""
    moment = (at or timezone.now()).astimezone(zoneinfo.ZoneInfo(zone))
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else MINUS
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@lru_cache(maxsize=2048)
def city(zone: str, locale: str) -> str:
    """The zone's exemplar city in `locale`, or "" for a zone that is not a place."""
    if zone.split("/", 1)[0] not in PLACE_AREAS:
        return ""
    return get_timezone_location(zone, locale=locale, return_city=True)


@lru_cache(maxsize=2048)
def region(zone: str, locale: str) -> str:
    """The country and city, as CLDR words it ("China (Shanghai) Time"): found by typing."""
    if zone.split("/", 1)[0] not in PLACE_AREAS:
        return ""
    return get_timezone_location(zone, locale=locale)


def zone_label(zone: str, at: datetime | None = None) -> str:
    """What she reads for her zone: "Shanghai, UTC+8"; UTC as "UTC", never "Etc/UTC"."""
    zone = canonical_zone(zone)
    if zone == UTC:
        return UTC
    place = city(zone, babel_locale())
    offset = utc_offset(zone, at)
    if not place:
        return offset
    return pgettext("time zone", "%(place)s, %(offset)s") % {"place": place, "offset": offset}


def search_text(zone: str) -> str:
    """Everything a search for this zone may type: city and country in her language and in
    English, the IANA id and the offset written with a plain minus."""
    locale = babel_locale()
    words = {region(zone, locale), region(zone, "en"), zone.replace("_", " ")}
    words.add(utc_offset(zone).replace(MINUS, "-"))
    return " ".join(sorted(word for word in words if word))


def zone_choices(current: str | None = None) -> list[tuple[str, str]]:
    """The picker's options: UTC, then the places by name; a zone she has that is not a place
    (Etc/GMT+5) stays an option, so saving her profile never changes it behind her back."""
    now = timezone.now()
    places = sorted(
        ((zone, zone_label(zone, now)) for zone in place_zones()[1:]),
        key=lambda choice: choice[1].casefold(),
    )
    choices = [(UTC, UTC), *places]
    if current and canonical_zone(current) not in place_zones():
        choices.insert(1, (current, zone_label(current, now)))
    return choices
