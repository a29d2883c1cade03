"""Her recovery's pages: the pelvic-floor session with its timer, and the recovery page (what
the rules suggest, the weekly symptom check, the tummy gap, the function score, running).
Enhanced by frontend/src/recovery/, which saves through the day's outbox and the API."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.recovery import recovery_state
from tracker.recovery_page import recovery_page, session_page


@login_required
def pelvic_floor(request: HttpRequest) -> HttpResponse:
    state = recovery_state(request.user)
    context = {"page": session_page(request.user, state), "profile": request.user.profile}
    return render(request, "tracker/pelvic_floor.html", context)


@login_required
def recovery(request: HttpRequest) -> HttpResponse:
    state = recovery_state(request.user)
    context = {"page": recovery_page(request.user, state), "profile": request.user.profile}
    return render(request, "tracker/recovery.html", context)
