"""Render the app icons from icon.svg into frontend/public/icons/ with headless Chromium.

Run after changing icon.svg:  uv run python frontend/icons/render_icons.py
The PNGs are committed, so building the front end needs neither this script nor a browser.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "public" / "icons"
CHROMIUM = "/usr/bin/chromium"

# (file name, size in px, maskable): a maskable icon fills the whole square and keeps its
# mark inside the central safe zone, because the launcher crops it to its own shape.
ICONS = [
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
    ("apple-touch-icon-180.png", 180, True),
]

PAGE = """<!doctype html><html><head><style>
html, body {{ margin: 0; background: transparent; }}
svg {{ display: block; width: {size}px; height: {size}px; }}
{extra}
</style></head><body>{svg}</body></html>"""

MASKABLE_CSS = """
.plate { rx: 0; }
.mark { transform: scale(0.84); transform-origin: 256px 256px; }
"""


def main() -> None:
    svg = (HERE / "icon.svg").read_text()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        for name, size, maskable in ICONS:
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(
                PAGE.format(size=size, svg=svg, extra=MASKABLE_CSS if maskable else "")
            )
            page.locator("svg").screenshot(path=str(OUT / name), omit_background=True)
            print(f"wrote {OUT / name}")
        browser.close()


if __name__ == "__main__":
    main()
