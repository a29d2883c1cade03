from django.conf import settings
from django.core.management.base import BaseCommand

from tracker.demo import DEMO_EMAIL, DEMO_PASSWORD, ensure_demo_account


class Command(BaseCommand):
    help = "Create the demo account with eight weeks of history (embedded defaults only)."

    def handle(self, *args, **options):
        if not settings.DEMO_ENABLED:
            self.stdout.write("Production mode: no demo account.")
            return
        _user, rebuilt = ensure_demo_account()
        state = "with a fresh 8-week history" if rebuilt else "history kept"
        self.stdout.write(f"Demo account ({state}): {DEMO_EMAIL} / password {DEMO_PASSWORD}")
