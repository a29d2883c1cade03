"""Pages: the Export page, export progress, and the share page a doctor opens without logging in."""

from collections.abc import Callable
from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.defaults import page_not_found

from core import throttles
from core.api_parsers import TooDeep, load_json
from reports import backup, exports, share_cache
from reports.export_pdf import report_fonts
from reports.forms import ExportForm, ImportForm, QuestionsForm, ShareForm
from reports.models import AccessLog, ExportFormat, ExportJob, ShareLink
from reports.pain_chart import chart_svg, legend_entries
from reports.ranges import export_range, report_range
from reports.report_text import ReportText
from reports.summary import build_summary

# A backup of years of days is a few MB; anything much larger is not one of ours.
MAX_BACKUP_BYTES = 20 * 1024 * 1024
NOT_INDEXED = "noindex, nofollow, noarchive"


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    return render_export_page(request)


def render_export_page(request: HttpRequest, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    context = {
        "export_form": forms.get("export_form") or ExportForm(user=user),
        "share_form": forms.get("share_form") or ShareForm(user=user),
        "questions_form": forms.get("questions_form") or QuestionsForm(instance=user.profile),
        "import_form": forms.get("import_form") or ImportForm(),
        "links": ShareLink.objects.filter(user=user).prefetch_related("accesses")[:20],
        "new_link": request.session.pop("new_share_link", None),
        "has_days": user.day_logs.exists(),
        "profile": user.profile,
    }
    return render(request, "reports/export.html", context, status=status)


@login_required
@require_POST
def download(request: HttpRequest) -> HttpResponse:
    """A POST, with its CSRF token: a link on another site cannot start an export of hers."""
    form = ExportForm(request.POST, user=request.user)
    if not form.is_valid():
        return render_export_page(request, status=400, export_form=form)
    export_format = form.cleaned_data["format"]
    start, end = export_range(request.user, export_format, *form.dates())
    paper = form.cleaned_data["paper"]
    if exports.in_background(export_format, start, end):
        try:
            job = exports.queue_export(request.user, export_format, start, end, paper)
        except exports.TooManyExports as refused:
            form.add_error(None, str(refused))
            return render_export_page(request, status=429, export_form=form)
        return redirect("export-job", pk=job.pk)
    content = exports.make_export(request.user, export_format, start, end, paper)
    return file_response(content, export_format, start, end)


def file_response(content: bytes, export_format: str, start: date, end: date) -> HttpResponse:
    return attachment(
        content,
        exports.KINDS[export_format].content_type,
        exports.filename(export_format, start, end),
    )


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download of her health data: saved as a file, never kept by a shared cache."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ExportJob.objects.defer("content"), pk=pk, user=request.user)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse(job_status(job))
    return render(request, "reports/export_job.html", {"job": job, "status": job_status(job)})


def job_status(job: ExportJob, download_route: str = "export-job-file") -> dict:
    """Where a job is; its file is downloaded from the page's URL, or the API's."""
    done = job.state == ExportJob.State.DONE
    return {
        "state": job.state,
        "label": job.get_state_display(),
        "progress": job.progress,
        "download_url": reverse(download_route, args=[job.pk]) if done else None,
    }


def job_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Her finished job's file, until it is a day old (even if not deleted yet)."""
    kept = ExportJob.objects.exclude(pk__in=ExportJob.expired().values("pk"))
    job = get_object_or_404(kept, pk=pk, user=request.user, state=ExportJob.State.DONE)
    return attachment(bytes(job.content), job.content_type, job.filename)


@login_required
@require_GET
def export_job_file(request: HttpRequest, pk: int) -> HttpResponse:
    return job_file(request, pk)


@login_required
@require_POST
def save_questions(request: HttpRequest) -> HttpResponse:
    form = QuestionsForm(request.POST, instance=request.user.profile)
    if not form.is_valid():
        return render_export_page(request, status=400, questions_form=form)
    form.save()
    messages.success(request, _("Your questions are saved: they print at the end of the report."))
    return redirect("export")


@login_required
@require_POST
def create_share_link(request: HttpRequest) -> HttpResponse:
    form = ShareForm(request.POST, user=request.user)
    if not form.is_valid():
        return render_export_page(request, status=400, share_form=form)
    try:
        link, raw = form.save()
    except ShareLink.TooMany:
        form.add_error(None, ShareLink.too_many_message())
        return render_export_page(request, status=400, share_form=form)
    # The token is stored only as a hash: this is the one time it can be shown.
    request.session["new_share_link"] = {
        "id": link.pk,
        "url": request.build_absolute_uri(reverse("share", args=[raw])),
    }
    return redirect(reverse("export") + "#share")


@login_required
@require_POST
def revoke_share_link(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(ShareLink, pk=pk, user=request.user).revoke()
    messages.success(request, _("The link no longer works."))
    return redirect(reverse("export") + "#share")


@login_required
@require_POST
def import_backup(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_export_page(request, status=400, import_form=form)
    # A refused file costs its reading and checking: a few tries an hour are plenty for her.
    if not throttles.allow_for(request, "backup-import", f"user-{request.user.pk}"):
        form.add_error("file", throttles.TOO_MANY_ATTEMPTS)
        return render_export_page(request, status=429, import_form=form)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > MAX_BACKUP_BYTES:
            raise backup.BackupError({"file": [_("This file is too large to be a backup.")]})
        try:
            data = load_json(upload.read())
        except TooDeep as e:
            too_deep = _("This file is nested too deeply to be a backup.")
            raise backup.BackupError({"file": [too_deep]}) from e
        except ValueError as e:
            raise backup.BackupError({"file": [_("This file is not valid JSON.")]}) from e
        loaded = backup.load(request.user, data)
    except backup.BackupError as error:
        for path, problems in list(error.errors.items())[:10]:
            form.add_error("file", f"{path}: {' '.join(problems)}")
        return render_export_page(request, status=400, import_form=form)
    translation.activate(request.user.profile.language)
    messages.success(
        request,
        _("Backup loaded: %(days)s days and %(reminders)s reminders.") % loaded,
    )
    return redirect("export")


# The doctor's side: no login, only a valid token.


def share_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view of a share link: throttled, 404 unless the link is valid, and never indexed."""

    @never_cache
    @require_GET
    @wraps(view)
    def wrapper(request: HttpRequest, token: str, **kwargs) -> HttpResponse:
        if not throttles.allow(request, "share"):
            response = HttpResponse(
                _("Too many requests. Wait a minute, then try again."), status=429
            )
            response["Retry-After"] = "60"
            return not_indexed(response)
        link = ShareLink.find(token)
        if link is None:
            gone = Http404(_("This link does not exist, has expired or was revoked."))
            return not_indexed(page_not_found(request, gone))
        return not_indexed(view(request, link, token, **kwargs))

    return wrapper


def not_indexed(response: HttpResponse) -> HttpResponse:
    """Health data behind a secret link: no search engine, cache or referrer may keep it."""
    response["X-Robots-Tag"] = NOT_INDEXED
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


def shared_range(link: ShareLink) -> tuple[date, date]:
    return report_range(link.user, link.start_date, link.end_date)


@share_page
def shared_summary(request: HttpRequest, link: ShareLink, token: str) -> HttpResponse:
    start, end = shared_range(link)
    page = share_cache.kept(
        link, "page", start, end, lambda: summary_page(request, link, token, start, end)
    )
    link.record_access(AccessLog.What.PAGE, request.headers.get("User-Agent", ""))
    return HttpResponse(page)


def summary_page(request: HttpRequest, link: ShareLink, token: str, start: date, end: date):
    """The share page's HTML: the same for everyone holding the link (it shows no session)."""
    summary = build_summary(link.user, start, end)
    font = report_fonts(summary, translation.get_language() or "en")[0]
    days = summary.insights["days"]
    context = {
        "summary": summary,
        "text": ReportText(summary),
        # A phone's and a wider screen's: each is shown at least as wide as it is drawn, so
        # no label is under 12 px (the print chart scaled down to a phone made them 6).
        "phone_chart": chart_svg(days, font, 300, 220, font_size=13, title_id="chart-phone"),
        "wide_chart": chart_svg(days, font, 640, 260, font_size=12, title_id="chart-wide"),
        "chart_legend": legend_entries(),
        "token": token,
        "link": link,
    }
    return render_to_string("reports/share.html", context, request).encode()


@share_page
def shared_file(
    request: HttpRequest, link: ShareLink, token: str, export_format: str
) -> HttpResponse:
    if export_format not in (ExportFormat.PDF, ExportFormat.CSV, ExportFormat.FHIR):
        raise Http404
    start, end = shared_range(link)
    # In the language of the page the doctor is reading, like the summary.
    content = share_cache.kept(
        link,
        export_format,
        start,
        end,
        lambda: exports.make_export(link.user, export_format, start, end, link.paper),
    )
    link.record_access(export_format, request.headers.get("User-Agent", ""))
    return file_response(content, export_format, start, end)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse("User-agent: *\nDisallow: /share/\n", content_type="text/plain")
