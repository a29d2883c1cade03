"""Painkiller limits over a rolling 24 hours (habits/dose_limits.py), at their edges.

The cases live in frontend/tests/dose-limit-cases.json, which the page's script is tested on
too (frontend/tests/dose-limits.test.ts): the server and the page check the same way.
"""

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from habits.dose_limits import Dose, alerts_on, parse_time, rules_payload

CASES_FILE = Path(settings.BASE_DIR) / "frontend" / "tests" / "dose-limit-cases.json"
TABLE = json.loads(CASES_FILE.read_text())


def test_the_page_is_tested_on_the_limits_the_server_checks():
    assert TABLE["rules"] == rules_payload()


@pytest.mark.parametrize("case", TABLE["cases"], ids=[case["name"] for case in TABLE["cases"]])
def test_edge_case(case):
    doses = [
        Dose(date.fromisoformat(item["date"]), parse_time(item["time"]), item["medicine"],
             item["dose_mg"])
        for item in case["doses"]
    ]  # fmt: skip
    alerts = alerts_on(date.fromisoformat(case["day"]), doses, ZoneInfo(case["zone"]))
    assert [alert.as_json() for alert in alerts] == case["alerts"]


def test_the_cases_cover_the_edges_the_rules_are_judged_at():
    names = " ".join(case["name"] for case in TABLE["cases"])
    for edge in ("exactly 4 g", "4 g and 1 mg", "3 hours 59 minutes", "across midnight",
                 "clocks forward", "clocks back", "without daylight saving"):  # fmt: skip
        assert edge in names
