from django.core.management.base import BaseCommand, CommandError

from reminders import server_key
from reminders.push import push_configured, vapid_public_key


class Command(BaseCommand):
    help = (
        "Show the server's VAPID key and the keys the stored push subscriptions were made with; "
        "--forget-other-keys deletes those made with another key (after a deliberate change)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--forget-other-keys", action="store_true")

    def handle(self, *args, forget_other_keys: bool = False, **options) -> None:
        if not push_configured():
            raise CommandError("No VAPID key: set VAPID_PRIVATE_KEY or run make_vapid_keys")
        current = server_key.current_key_id()
        self.stdout.write(f"server key      {current}  (public key {vapid_public_key()})")
        for key, count in server_key.subscriptions_by_key().items():
            label = key or "not recorded"
            mark = "  this server's key" if key == current else ""
            self.stdout.write(f"subscriptions   {count:>6} made with {label}{mark}")
        if forget_other_keys:
            deleted = server_key.forget_other_key_subscriptions()
            self.stdout.write(f"forgot {deleted} subscription(s) made with another key")
