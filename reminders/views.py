"""Pages: reminder settings and the inbox of sent reminders; /healthz/."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from reminders.forms import QuietHoursForm, ScheduleForm
from reminders.health import health_problems
from reminders.models import Purpose, ReminderDelivery, ReminderSchedule
from reminders.push import push_configured, vapid_public_key
from reminders.schedules import PELVIC_FLOOR_TIMES, reschedule_user, send_test_reminder

log = logging.getLogger(__name__)


@login_required
def reminders(request: HttpRequest) -> HttpResponse:
    return render_reminders(request)


def render_reminders(
    request: HttpRequest, invalid: ScheduleForm | None = None, status: int = 200
) -> HttpResponse:
    """The Reminders page; a form that failed to save is shown again with its errors."""
    forms = []
    for schedule in ReminderSchedule.objects.filter(user=request.user):
        form = ScheduleForm(instance=schedule, prefix=f"s{schedule.pk}")
        if invalid is not None and invalid.instance.pk == schedule.pk:
            form = invalid
        forms.append((schedule, form))
    new_form = ScheduleForm(prefix="new", initial=new_reminder_initial(request.GET.get("add")))
    if invalid is not None and invalid.instance.pk is None:
        new_form = invalid
    context = {
        "forms": forms,
        "new_form": new_form,
        "quiet_form": QuietHoursForm(instance=request.user.profile, prefix="quiet"),
        "vapid_public_key": vapid_public_key() if push_configured() else "",
        "profile": request.user.profile,
    }
    return render(request, "reminders/reminders.html", context, status=status)


def new_reminder_initial(purpose: str | None) -> dict:
    """The "Add a reminder" form as it starts; from the pelvic-floor pages, three sessions a
    day at times that fit between feeds, skipped once she has done them."""
    if purpose == Purpose.PELVIC_FLOOR:
        return {
            "purpose": Purpose.PELVIC_FLOOR,
            "times": list(PELVIC_FLOOR_TIMES),
            "weekdays": list(range(7)),
            "skip_if_logged": True,
        }
    return {"times": ["09:00"], "weekdays": list(range(7))}


@login_required
@require_POST
def save_schedule(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    with transaction.atomic():
        schedule = None
        if pk is not None:
            # Locked, so a tick writing this schedule's slot finishes first and sees the edit.
            schedule = get_object_or_404(
                ReminderSchedule.objects.select_for_update(), pk=pk, user=request.user
            )
        form = ScheduleForm(request.POST, instance=schedule, prefix=f"s{pk}" if pk else "new")
        if pk is None and not ReminderSchedule.room_for_another(request.user):
            form.add_error(None, ReminderSchedule.too_many_message())
        if not form.is_valid():
            return render_reminders(request, invalid=form, status=400)
        schedule = form.save(commit=False)
        schedule.user = request.user
        schedule.reschedule_after_edit(timezone.now())
        schedule.save()
    messages.success(request, _("Reminder saved."))
    return redirect("reminders")


@login_required
@require_POST
def delete_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(ReminderSchedule, pk=pk, user=request.user).delete()
    messages.success(request, _("Reminder deleted."))
    return redirect("reminders")


@login_required
@require_POST
def quiet_hours(request: HttpRequest) -> HttpResponse:
    form = QuietHoursForm(request.POST, instance=request.user.profile, prefix="quiet")
    if form.is_valid():
        form.save()
        reschedule_user(request.user)
        messages.success(request, _("Quiet hours saved."))
    else:
        messages.error(request, _("Quiet hours need two times, like 22:00 and 07:00."))
    return redirect("reminders")


@login_required
@require_POST
def test_reminder(request: HttpRequest) -> HttpResponse:
    delivery = send_test_reminder(request.user)
    if delivery.channel == "email":
        messages.success(
            request,
            _("A test reminder is on its way to %(email)s.") % {"email": request.user.email},
        )
    else:
        messages.success(request, _("A test reminder is on its way to your devices."))
    return redirect("reminders")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    deliveries = ReminderDelivery.objects.filter(
        user=request.user, due_at__lte=timezone.now()
    ).select_related("tip")
    page = Paginator(deliveries, 30).get_page(request.GET.get("page"))
    return render(request, "reminders/inbox.html", {"page": page, "profile": request.user.profile})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and probes: 200 when the database and the broker answer, the
    reminder tick ran in the last two minutes and every kind of Celery process is alive, else
    503 naming the parts that are not working. No data, no log-in, and no error text: a
    driver's message can name a host, a port or a database user, so the details go to the log
    (and to `manage.py reminder_status`)."""
    problems = health_problems()
    if problems:
        for part, problem in problems.items():
            log.warning("Health check: %s: %s", part, problem)
        return JsonResponse({"status": "unavailable", "problems": list(problems)}, status=503)
    return JsonResponse({"status": "ok"})
