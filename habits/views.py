"""Pages: the tips, each with the articles it draws on. Open to anyone: they hold no user data."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from habits.articles import article_title
from habits.models import Tip


def tips(request: HttpRequest) -> HttpResponse:
    by_category: dict[str, list[Tip]] = {}
    for tip in Tip.objects.filter(active=True):
        by_category.setdefault(tip.get_category_display(), []).append(tip)
    return render(request, "habits/tips.html", {"by_category": by_category})


def tip(request: HttpRequest, key: str) -> HttpResponse:
    found = Tip.objects.filter(key=key, active=True).first()
    if found is None:
        raise Http404(_("No such tip."))
    sources = [(name, article_title(name)) for name in found.sources]
    return render(request, "habits/tip.html", {"tip": found, "sources": sources})
