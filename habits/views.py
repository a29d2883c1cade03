"""Pages: the tips, each with the articles it draws on. Open to anyone: they hold no user data."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from habits.articles import article_title
from habits.emergency_numbers import emergency_lines
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
    # Her region's numbers when she is signed in; the general lists, each with its place, for
    # anyone else.
    user = request.user
    region = user.profile.emergency_region if user.is_authenticated else ""
    context = {
        "tip": found,
        "body": found.body_for(region),
        "lines": emergency_lines(region) if found.names_emergency_services else [],
        "sources": sources,
    }
    return render(request, "habits/tip.html", context)
