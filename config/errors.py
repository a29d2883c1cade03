"""Error pages: the API answers its errors in JSON, like every other answer it gives.

Django's own 400, 404 and 500 pages are HTML; a client of /api/ reads JSON, so a URL that
matches no route (`/api/v1/reminders/x/`) or a body Django refuses before DRF sees it gets
the same `{"detail": ...}` as the errors DRF raises.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return JsonResponse({"body": [_("The request body is too large.")]}, status=413)
        return JsonResponse({"detail": _("The request is not valid.")}, status=400)
    return defaults.bad_request(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": _("Something went wrong on our side.")}, status=500)
    return defaults.server_error(request)
