"""The installed app: its manifest (splash, identity, shortcuts, screenshots)."""

import re
import struct
from pathlib import Path

import pytest
from django.conf import settings

from tracker.views import SCREENSHOTS

pytestmark = pytest.mark.django_db
PUBLIC = Path(settings.BASE_DIR) / "frontend" / "public"
APP_CSS = Path(settings.BASE_DIR) / "frontend" / "src" / "app.css"


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def light_background() -> str:
    return re.search(r"--bg: (#[0-9a-f]{6});", APP_CSS.read_text()).group(1)


def test_the_splash_matches_the_light_theme_and_the_app_says_what_it_is(client):
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["background_color"] == light_background() == "#f6f4f0"
    assert manifest["id"] == "/today/"
    assert "back pain" in manifest["description"]


def test_the_shortcuts_open_today_at_their_card(client, user):
    manifest = client.get("/manifest.webmanifest").json()
    shortcuts = {item["name"]: item["url"] for item in manifest["shortcuts"]}
    assert shortcuts == {"Log pain": "/today/#pain", "Log a feed": "/today/#feeds"}
    client.force_login(user)
    today = client.get("/today/").content.decode()
    for url in shortcuts.values():
        assert f'id="{url.split("#")[1]}"' in today


def test_the_screenshots_are_committed_at_the_sizes_browsers_accept(client):
    manifest = client.get("/manifest.webmanifest").json()
    assert {item["form_factor"] for item in manifest["screenshots"]} == {"narrow", "wide"}
    shapes: dict[str, set[float]] = {}
    for item, (name, *_rest) in zip(manifest["screenshots"], SCREENSHOTS, strict=True):
        width, height = png_size(PUBLIC / "screenshots" / name)
        assert item["sizes"] == f"{width}x{height}" and item["type"] == "image/png"
        assert min(width, height) >= 320 and max(width, height) <= 3840
        assert max(width, height) / min(width, height) <= 2.3
        assert item["label"]
        shapes.setdefault(item["form_factor"], set()).add(round(width / height, 3))
        narrow = item["form_factor"] == "narrow"
        assert (height > width) == narrow
    assert all(len(ratios) == 1 for ratios in shapes.values()), shapes


def test_the_manifest_speaks_chinese_in_a_chinese_session(client, user):
    user.profile.language = "zh-hans"
    user.profile.save()
    client.force_login(user)
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["shortcuts"][0]["name"] == "记录疼痛"
    assert "背" in manifest["description"]
