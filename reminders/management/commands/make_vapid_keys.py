from django.conf import settings
from django.core.management.base import BaseCommand

from reminders.push import make_key_pair


class Command(BaseCommand):
    help = (
        "Make the VAPID key pair for Web Push. By default it is written to VAPID_PRIVATE_KEY_FILE "
        "(var/ on the embedded defaults); --print shows it for the environment instead."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-missing", action="store_true", help="Keep an existing key (subscriptions use it)."
        )
        parser.add_argument(
            "--print",
            dest="print_only",
            action="store_true",
            help="Print VAPID_PRIVATE_KEY for the environment.",
        )

    def handle(self, *args, if_missing: bool = False, print_only: bool = False, **options) -> None:
        private_pem, public_key = make_key_pair()
        if print_only:
            one_line = private_pem.strip().replace("\n", "\\n")
            self.stdout.write(f'VAPID_PRIVATE_KEY="{one_line}"')
            self.stdout.write(f"# public key: {public_key}")
            return
        path = settings.VAPID_PRIVATE_KEY_FILE
        if path.exists() and if_missing:
            if options["verbosity"] > 0:
                self.stdout.write(f"VAPID key kept: {path}")
            return
        # Replacing the key silently breaks every browser subscription made with the old one.
        if path.exists():
            self.stderr.write(f"{path} exists; delete it first to replace the key.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(private_pem)
        path.chmod(0o600)
        self.stdout.write(f"VAPID key written to {path}; public key {public_key}")
