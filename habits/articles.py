"""The seed articles the tips come from, named in our own words for the tip pages."""

from django.utils.translation import gettext_lazy as _

ARTICLE_TITLES = {
    "000_1034d5f5db9ee68a.txt": _("Three reasons for back pain after birth, and holding the baby"),
    "001_88700e4b1d4a6764.txt": _("Why the lower back hurts after birth, and everyday care"),
    "002_470d886419e493bc.txt": _("Easing back pain after birth: movement, warmth and exercises"),
    "003_145eda24f5ee9b79.txt": _("Back pain after birth: posture, rest and the epidural question"),
    "004_da19bcb9bccabfa3.txt": _("What really causes back pain after birth"),
}


def article_title(name: str) -> str:
    return ARTICLE_TITLES.get(name, name)
