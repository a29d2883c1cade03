"""Loading the catalogue into the database, and serving it to clients."""

import time

from django.db import transaction

from habits.catalogue_data import CATALOGUE, RETIRED
from habits.models import CatalogueItem, Tip
from habits.tips_data import TIPS
from habits.warning_guidance import guidance_payload

# Plural group names used by the API and the pages.
GROUPS = {
    CatalogueItem.Kind.BODY_AREA: "body_areas",
    CatalogueItem.Kind.POSITION: "positions",
    CatalogueItem.Kind.SUPPORT: "supports",
    CatalogueItem.Kind.EXERCISE: "exercises",
    CatalogueItem.Kind.HABIT: "habits",
    CatalogueItem.Kind.MOOD_TAG: "mood_tags",
    CatalogueItem.Kind.WARNING_SIGN: "warning_signs",
    CatalogueItem.Kind.MEDICINE: "medicines",
}


# Every write of a day is validated against the catalogue, which changes only when
# load_catalogue runs (at deploy time), so each process keeps it for a minute.
KEYS_TTL_SECONDS = 60
_keys_cache: tuple[float, dict[str, set[str]]] | None = None


def catalogue_keys() -> dict[str, set[str]]:
    """Known keys by kind (retired ones too), at most KEYS_TTL_SECONDS old."""
    global _keys_cache
    now = time.monotonic()
    if _keys_cache is None or now - _keys_cache[0] > KEYS_TTL_SECONDS:
        _keys_cache = (now, CatalogueItem.objects.keys_by_kind())
    return _keys_cache[1]


def forget_catalogue_keys() -> None:
    global _keys_cache
    _keys_cache = None


def load_catalogue() -> dict[str, int]:
    """Upsert the catalogue items and the tips; deactivate the ones no longer listed."""
    listed = [(row, True) for row in CATALOGUE] + [(row, False) for row in RETIRED]
    items = dict(item_values(row, order, active) for order, (row, active) in enumerate(listed))
    tips = {
        tip.key: {
            "category": tip.category,
            "title_en": tip.title_en,
            "title_zh": tip.title_zh,
            "body_en": tip.body_en,
            "body_zh": tip.body_zh,
            "why_en": tip.why_en,
            "why_zh": tip.why_zh,
            "sources": list(tip.sources),
            "triggers": list(tip.triggers),
            "min_weeks": tip.min_weeks,
            "max_weeks": tip.max_weeks,
            "caesarean_min_weeks": tip.caesarean_min_weeks,
            "caesarean_only": tip.caesarean_only,
            "safety": tip.safety,
            "exercise": tip.exercise,
            "sort_order": order,
        }
        for order, tip in enumerate(TIPS)
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0, "deactivated": 0}
    with transaction.atomic():
        for model, rows in ((CatalogueItem, items), (Tip, tips)):
            for name, count in upsert_by_key(model, rows).items():
                counts[name] += count
    forget_catalogue_keys()
    return counts


def item_values(row: tuple, order: int, active: bool) -> tuple[str, dict]:
    """A catalogue_data row as (key, the model's field values)."""
    kind, key, name_en, name_zh, unit, urgency = row
    return key, {
        "kind": kind,
        "name_en": name_en,
        "name_zh": name_zh,
        "sort_order": order,
        "unit": unit,
        "urgency": urgency,
        "active": active,
    }


def upsert_by_key(model: type, rows: dict[str, dict]) -> dict[str, int]:
    """Make the table hold exactly these rows, by key; never delete, only deactivate.

    A row is active unless its values say otherwise; rows missing from `rows` are deactivated.
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0, "deactivated": 0}
    existing = {row.key: row for row in model.objects.select_for_update()}
    for key, values in rows.items():
        values = {"active": True, **values}
        row = existing.get(key)
        if row is None:
            model.objects.create(key=key, **values)
            counts["created"] += 1
        elif any(getattr(row, field) != value for field, value in values.items()):
            model.objects.filter(pk=row.pk).update(**values)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    retired = [key for key, row in existing.items() if key not in rows and row.active]
    counts["deactivated"] = model.objects.filter(key__in=retired).update(active=False)
    return counts


def item_payload(item: CatalogueItem) -> dict:
    payload = {"key": item.key, "name": item.name}
    if item.unit:
        payload["unit"] = item.unit
    if item.urgency:
        payload["urgency"] = item.urgency
    return payload


def catalogue_payload(region: str = "") -> dict:
    """The active catalogue grouped by kind, names in the active language, with guidance.

    `region` picks the emergency and crisis numbers in the guidance (see
    habits.emergency_numbers); "" gives the general list.
    """
    payload: dict = {group: [] for group in GROUPS.values()}
    for item in CatalogueItem.objects.active():
        payload[GROUPS[item.kind]].append(item_payload(item))
    payload["guidance"] = guidance_payload(region)
    return payload


def exercise_guides(weeks_postpartum: int | None, delivery_type: str) -> dict[str, dict]:
    """For each catalogue exercise that has a tip: the tip's key, and the week after the birth
    from which the exercise suits her while that is still ahead, or her stage is unknown.

    `from_weeks` is None once the exercise suits her stage.
    """
    guides = {}
    for tip in Tip.objects.filter(active=True).exclude(exercise=""):
        start = tip.start_week(delivery_type)
        ahead = start > 0 and (weeks_postpartum is None or weeks_postpartum < start)
        guides[tip.exercise] = {"tip": tip.key, "from_weeks": start if ahead else None}
    return guides
