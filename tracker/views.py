"""Server-rendered pages. The day page is enhanced by frontend/src/day/, which saves by itself."""

import hashlib
import json
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core import dates, throttles
from habits.catalogue import catalogue_payload, exercise_guides
from habits.emergency_numbers import REGION_CHOICES
from tracker import accounts, days, history_calendar, password_guesses
from tracker.day_answers import ANY_REGION, advice_payload, advice_version
from tracker.day_page import day_page
from tracker.days_around import days_around
from tracker.forms import DeleteAccountForm, PasswordForm, ProfileForm, SignupForm, WelcomeForm
from tracker.models import ApiToken, Profile
from tracker.recovery import recovery_state
from tracker.recovery_page import gate_running, today_card
from tracker.serializers import DaySerializer
from tracker.signals import time_zone_changed


def refused_for_now(form):
    """The form, with only the reason it was not looked at: too many attempts (a 429).

    It is not validated: a throttled guess must not even cost a password hash.
    """
    form.cleaned_data = {}
    form._errors = ErrorDict()  # what full_clean() would start from
    form.add_error(None, throttles.TOO_MANY_ATTEMPTS)
    return form


def too_many_attempts(view, form) -> HttpResponse:
    context = view.get_context_data(form=refused_for_now(form))
    return view.render_to_response(context, status=429)


class LoginView(auth_views.LoginView):
    """Log-in, with password guesses slowed down per address and per account, like the API's
    token endpoint and the admin's log-in (tracker.password_guesses)."""

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not password_guesses.may_check_password(request, request.POST.get("username", "")):
            return too_many_attempts(self, self.get_form())
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a reset link: limited per client and per inbox, so it cannot flood one."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not throttles.allow(request, "password-reset"):
            return too_many_attempts(self, self.get_form())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        if not throttles.allow_mail_to(self.request, form.cleaned_data["email"]):
            # The same answer as ever: the page never tells whether an email went out.
            return redirect(self.get_success_url())
        return super().form_valid(form)


def home(request: HttpRequest) -> HttpResponse:
    return redirect("today" if request.user.is_authenticated else "login")


def signup(request: HttpRequest) -> HttpResponse:
    """Step one: the address to send the link to. The answer is the same for every address."""
    if request.user.is_authenticated:
        return redirect("today")
    form = SignupForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST":
        if not throttles.allow(request, "signup"):
            context = {"form": refused_for_now(form)}
            return render(request, "registration/signup.html", context, status=429)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if throttles.allow_mail_to(request, email):
                accounts.send_sign_up_email(
                    request, email, form.cleaned_data["time_zone"], form.cleaned_data["language"]
                )
            request.session["signup_email"] = email
            return redirect("signup-sent")
    return render(request, "registration/signup.html", {"form": form})


def already_signed_up(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("This address already has an account: log in."))
    return redirect("login")


def signup_sent(request: HttpRequest) -> HttpResponse:
    email = request.session.get("signup_email", "")
    return render(request, "registration/signup_sent.html", {"email": email})


def signup_finish(request: HttpRequest, token: str) -> HttpResponse:
    """Step two, from the emailed link: choose a password, and the account is made.

    A link stays valid for three days, even once used: a used one leads to the log-in page
    before any password is looked at (or hashed), and its POSTs are slowed like log-ins."""
    try:
        details = accounts.read_sign_up_link(token)
    except signing.BadSignature:
        return render(request, "registration/signup_finish.html", {"valid": False}, status=400)
    if request.user.is_authenticated:
        return redirect("today")
    translation.activate(details["language"])
    form = PasswordForm(request.POST or None, email=details["email"])
    if request.method == "POST" and not throttles.allow(request, "auth"):
        context = {"valid": True, "form": refused_for_now(form), "email": details["email"]}
        return render(request, "registration/signup_finish.html", context, status=429)
    if accounts.account_exists(details["email"]):
        return already_signed_up(request)
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.create_account(details, form.cleaned_data["password"])
        except accounts.AccountExists:
            return already_signed_up(request)
        login(request, user, backend="tracker.authentication.AccountBackend")
        return redirect("welcome")
    context = {"valid": True, "form": form, "email": details["email"]}
    return render(request, "registration/signup_finish.html", context)


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    """Right after sign-up (and later from her profile): the baby's birth date and the type of
    delivery, which count the weeks and choose the exercises. Saving or skipping opens Today;
    a skip is not asked again."""
    form = WelcomeForm(request.POST or None, instance=request.user.profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            return redirect("today")
        return render(request, "tracker/welcome.html", {"form": form}, status=400)
    return render(request, "tracker/welcome.html", {"form": form})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user.profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        if "time_zone" in form.changed_data:
            time_zone_changed.send(sender=Profile, user=request.user)
        translation.activate(form.instance.language)
        messages.success(request, _("Profile saved."))
        return redirect("profile")
    tokens = ApiToken.objects.usable().filter(user=request.user)
    return render(request, "tracker/profile.html", {"form": form, "tokens": tokens})


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Offers her backup first, then deletes everything once she confirms with her password."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        # A password check, like log-in: a phone left unlocked is no way to guess it.
        if not throttles.allow(request, "auth"):
            context = {"form": refused_for_now(form)}
            return render(request, "tracker/delete_account.html", context, status=429)
        if form.is_valid():
            accounts.delete_account(request.user)
            logout(request)
            return redirect("account-deleted")
    return render(request, "tracker/delete_account.html", {"form": form})


def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "tracker/account_deleted.html")


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(ApiToken, pk=pk, user=request.user).delete()
    messages.success(request, _("The token no longer works."))
    return redirect(reverse("profile") + "#tokens")


@login_required
def today(request: HttpRequest) -> HttpResponse:
    return day(request, request.user.profile.local_today().isoformat())


@login_required
def day(request: HttpRequest, date: str) -> HttpResponse:
    try:
        day_date = dates.parse_day_date(date)
    except ValueError as e:
        raise Http404(str(e)) from e
    profile = request.user.profile
    local_today = profile.local_today()
    stored = days.get_day(request.user, day_date)
    day_data = DaySerializer(stored, context={"profile": profile}).data if stored else None
    next_date = day_date + timedelta(days=1)
    catalogue = catalogue_payload(profile.emergency_region)
    days_after_birth = profile.days_postpartum(day_date)
    weeks = None if days_after_birth is None else max(days_after_birth, 0) // 7
    guides = exercise_guides(weeks, profile.delivery_type)
    around = days_around(request.user, day_date, day_data["mood"] if day_data else None)
    state = recovery_state(request.user, local_today)
    page = day_page(
        day_data, catalogue, gate_running(guides, state), around, profile.emergency_region
    )
    return render(
        request,
        "tracker/day.html",
        {
            "day_date": day_date,
            "is_today": day_date == local_today,
            "days_postpartum": days_after_birth,
            "previous_date": day_date - timedelta(days=1),
            "next_date": next_date if next_date <= local_today else None,
            "day_data": day_data,
            "catalogue": catalogue,
            "page": page,
            "recovery": today_card(state) if day_date == local_today else None,
            "profile": profile,
        },
    )


ADVICE_REGIONS = {code for code, _name in REGION_CHOICES} | {ANY_REGION}


@require_GET
def day_advice(request: HttpRequest, language: str, region: str) -> JsonResponse:
    """What the day page's script answers with as she logs (tracker.day_answers): no user
    data, the same for everyone of a language and region, so a phone keeps it for offline use
    (the service worker and the page's own copy) until its version changes."""
    if language not in dict(settings.LANGUAGES) or region not in ADVICE_REGIONS:
        raise Http404("No such advice.")
    region = "" if region == ANY_REGION else region
    with translation.override(language):
        response = JsonResponse(advice_payload(region), json_dumps_params={"ensure_ascii": False})
        current = request.GET.get("v") == advice_version(language, region)
    # A versioned address never changes; any other is asked for again.
    response["Cache-Control"] = "public, max-age=31536000, immutable" if current else "no-cache"
    return response


@login_required
def history(request: HttpRequest) -> HttpResponse:
    profile = request.user.profile
    today = profile.local_today()
    month = history_calendar.parse_month(request.GET.get("month"), today)
    page = Paginator(days.history_range(request.user, None, None), 30).get_page(
        request.GET.get("page")
    )
    context = {
        "calendar": history_calendar.month_calendar(request.user, month, today),
        "page": page,
        "months": history_calendar.by_month(list(page)),
        "pain_levels": range(11),
        "profile": profile,
    }
    return render(request, "tracker/history.html", context)


@login_required
def offline(request: HttpRequest) -> HttpResponse:
    """The notice the phone shows, offline, for a page it has not kept.

    The service worker fetches it at install (and again when it is missing or in another
    language) and keeps it with her pages. Login is required: a kept page must say whose it
    is, and signed out the worker answers nothing from its cache. It shows nothing of her log.
    """
    return render(request, "tracker/offline.html")


# Static files the service worker stores at install, so the pages work offline.
APP_SHELL = (
    "app.js",
    "app.css",
    # The session timer and the recovery page: a kept page of them works offline after an
    # update too.
    "recovery.js",
    "recovery.css",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/icon-maskable-512.png",
)


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    # Served from the root so that its scope covers every page.
    build = settings.FRONTEND_BUILD_DIR
    if not (build / "sw.js").exists():
        raise Http404("The front end has not been built: run `make build`.")
    # Browsers fetch this on every navigation to look for updates; the files' stamps key the
    # cache, so the build is read and hashed once per build, not once per page view.
    stamps = tuple(modified_at(build / name) for name in ("sw.js", *APP_SHELL))
    response = HttpResponse(service_worker_script(stamps), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


def modified_at(path: Path) -> int | None:
    return path.stat().st_mtime_ns if path.exists() else None


@lru_cache(maxsize=1)
def service_worker_script(stamps: tuple) -> bytes:
    """sw.js preceded by the shell's URLs and a fingerprint of the build.

    The URLs come from Django (hashed names in production), and the fingerprint is part of the
    script, so a new build changes the worker's bytes and browsers install it and drop the old
    cache.
    """
    build = settings.FRONTEND_BUILD_DIR
    script = (build / "sw.js").read_bytes()
    fingerprint = hashlib.sha256(script)
    for name in APP_SHELL:
        asset = build / name
        fingerprint.update(asset.read_bytes() if asset.exists() else name.encode())
    shell = {
        "version": fingerprint.hexdigest()[:16],
        "assets": [static(name) for name in APP_SHELL],
        "fallback": reverse("today"),
        "offline": reverse("offline"),
    }
    return b"self.BACKCARE_SHELL = " + json.dumps(shell).encode() + b";\n" + script


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """For what asks /favicon.ico without reading a page's icon link (a PDF viewer, a bookmark)."""
    return redirect(static("icons/icon-192.png"), permanent=True)


# The light theme's background (--bg in app.css): the splash she sees while the app opens.
SPLASH_BACKGROUND = "#f6f4f0"
# Pictures of the real pages for the richer install sheet, made by
# frontend/screenshots/take_screenshots.py: (file, width, height, form factor, words).
SCREENSHOTS = (
    ("today-narrow.png", 780, 1688, "narrow", _lazy("Today: pain, feeds and mood in a few taps")),
    ("history-narrow.png", 780, 1688, "narrow", _lazy("History: a month coloured by pain")),
    ("insights-narrow.png", 780, 1688, "narrow", _lazy("Insights: what went with less pain")),
    ("today-wide.png", 1280, 800, "wide", _lazy("Today on a larger screen")),
)


@require_GET
@never_cache
def manifest(request: HttpRequest) -> JsonResponse:
    icon = {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"}
    return JsonResponse(
        {
            # The identity installed apps already have (it was start_url): it stays the same
            # if start_url ever moves, so nobody gets the app twice.
            "id": "/today/",
            "name": _("Backcare: postpartum back-pain log"),
            "short_name": _("Backcare"),
            "description": _(
                "Log your back pain after birth in a few taps, see what goes with less pain, "
                "and give your doctor a clear history."
            ),
            "start_url": "/today/",
            "scope": "/",
            "display": "standalone",
            "background_color": SPLASH_BACKGROUND,
            "theme_color": "#2a6f97",
            "lang": translation.get_language(),
            "dir": "ltr",
            "categories": ["health", "medical", "lifestyle"],
            "icons": [
                icon,
                {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("icons/icon-maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
            # A long press on the home-screen icon: Today, opened at the card.
            "shortcuts": [
                {
                    "name": _("Log pain"),
                    "short_name": _("Pain"),
                    "url": reverse("today") + "#pain",
                    "icons": [icon],
                },
                {
                    "name": _("Log a feed"),
                    "short_name": _("Feed"),
                    "url": reverse("today") + "#feeds",
                    "icons": [icon],
                },
            ],
            "screenshots": [
                {
                    "src": static(f"screenshots/{name}"),
                    "sizes": f"{width}x{height}",
                    "type": "image/png",
                    "form_factor": form_factor,
                    "label": str(label),
                }
                for name, width, height, form_factor, label in SCREENSHOTS
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
