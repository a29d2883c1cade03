import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from reminders.checks import startup_problem  # noqa: E402  (needs the apps loaded)

if problem := startup_problem():
    # An exception, not an exit: gunicorn then stops ("Worker failed to boot") instead of
    # starting the worker again and again.
    raise ImproperlyConfigured(problem)
