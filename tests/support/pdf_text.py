"""A PDF's text as a reader gets it, for tests that read the doctor's report."""

from pathlib import Path

import pypdfium2 as pdfium
from django.conf import settings

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def pdf_pages(content: bytes, name: str) -> list[str]:
    """The text of each page; each page is also rendered to test-artifacts/ to be looked at."""
    document = pdfium.PdfDocument(content)
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        texts = []
        for number in range(len(document)):
            page = document[number]
            page.render(scale=1.5).to_pil().save(ARTIFACTS / f"{name}-page{number + 1}.png")
            texts.append(page.get_textpage().get_text_range())
        return texts
    finally:
        document.close()


def one_line(text: str) -> str:
    return " ".join(text.split())
