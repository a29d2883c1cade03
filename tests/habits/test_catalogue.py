import pytest
from django.core.management import call_command

from habits import catalogue_data, tips_data
from habits.catalogue import load_catalogue
from habits.models import CatalogueItem, Tip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_catalogue_yet():
    """These tests load the catalogue themselves, into tables that start empty."""
    CatalogueItem.objects.all().delete()
    Tip.objects.all().delete()


def test_loading_twice_changes_nothing():
    everything = len(catalogue_data.CATALOGUE) + len(catalogue_data.RETIRED) + len(tips_data.TIPS)
    first = load_catalogue()
    assert first["created"] == everything
    second = load_catalogue()
    assert second == {"created": 0, "updated": 0, "unchanged": everything, "deactivated": 0}


def test_a_changed_tip_is_updated_and_a_removed_one_deactivated(monkeypatch):
    load_catalogue()
    first, *middle, last = tips_data.TIPS
    edited = [first.__class__(**{**vars(first), "title_en": "A clearer title"}), *middle]
    monkeypatch.setattr("habits.catalogue.TIPS", edited)
    counts = load_catalogue()
    assert counts["updated"] == 1
    assert counts["deactivated"] == 1
    assert Tip.objects.get(key=first.key).title_en == "A clearer title"
    assert Tip.objects.get(key=last.key).active is False


def test_the_command_reports_its_work(capsys):
    call_command("load_catalogue")
    assert "created" in capsys.readouterr().out


def test_a_removed_item_is_deactivated_not_deleted(monkeypatch):
    load_catalogue()
    shorter = [row for row in catalogue_data.CATALOGUE if row[1] != "flat_shoes"]
    monkeypatch.setattr("habits.catalogue.CATALOGUE", shorter)
    assert load_catalogue()["deactivated"] == 1
    assert CatalogueItem.objects.get(key="flat_shoes").active is False


def test_every_item_has_english_and_chinese_names_and_keys_are_unique():
    keys = [row[1] for row in catalogue_data.CATALOGUE]
    assert len(keys) == len(set(keys))
    for kind, key, name_en, name_zh, unit, urgency in catalogue_data.CATALOGUE:
        assert name_en and name_zh, key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in name_zh), key
        assert bool(unit) == (kind == CatalogueItem.Kind.EXERCISE), key
        assert bool(urgency) == (kind == CatalogueItem.Kind.WARNING_SIGN), key


def test_the_catalogue_holds_what_the_design_names():
    keys = {row[1] for row in catalogue_data.CATALOGUE}
    assert {"cradle", "cross_cradle", "football", "side_lying", "laid_back", "bottle"} <= keys
    assert {"back_support", "pillow_under_baby", "footstool", "armrest"} <= keys
    assert {
        "pelvic_floor",
        "deep_core_breathing",
        "knee_to_chest",
        "pelvic_tilt",
        "walking",
        "spiral_band",
        "swimming",
        "cycling",
    } <= keys
    assert {"lower_back", "upper_back", "pelvis", "hip_buttock", "leg"} <= keys
    urgencies = {row[5] for row in catalogue_data.CATALOGUE if row[5]}
    assert urgencies == {"emergency", "doctor_today", "gp"}


def test_catalogue_api_speaks_the_requested_language(api):
    english = api.get("/api/v1/catalogue/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {"key": "football", "name": "Football / clutch hold"} in english["positions"]
    assert {"key": "walking", "name": "Walking", "unit": "minutes"} in english["exercises"]
    chinese = api.get("/api/v1/catalogue/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert {"key": "football", "name": "橄榄球式"} in chinese["positions"]
    assert chinese["guidance"]["urgency"]["emergency"]["title"]
    signs = {sign["key"]: sign["urgency"] for sign in english["warning_signs"]}
    assert signs["saddle_numbness"] == "emergency" and signs["fever"] == "doctor_today"


def test_the_catalogue_offers_the_medicines_in_both_languages(api):
    english = api.get("/api/v1/catalogue/").json()["medicines"]
    assert [item["key"] for item in english] == ["paracetamol", "ibuprofen", "other_medicine"]
    chinese = api.get("/api/v1/catalogue/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["medicines"]
    assert chinese[1]["name"] == "布洛芬"
