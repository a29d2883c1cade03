import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports.backup import BackupError, load
from tracker.models import User


class Command(BaseCommand):
    help = (
        "Load a backup into a new account (made here, without a password: she sets one with "
        "'Forgot your password?') or into an existing account with nothing logged yet."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--email", help="the account to load into (default: the backup's)")

    def handle(self, *args, path: str, email: str | None, **options) -> None:
        try:
            with open(path, encoding="utf-8") as file:
                data = json.load(file)
        except (OSError, ValueError) as e:
            raise CommandError(f"Cannot read {path}: {e}") from e
        email = email or (data.get("email") if isinstance(data, dict) else None)
        if not email:
            raise CommandError("Say which account to load into with --email")
        try:
            with transaction.atomic():
                user = User.objects.filter(email=User.objects.normalize_email(email)).first()
                if user is None:
                    user = User.objects.create_user(email)
                loaded = load(user, data)
        except BackupError as error:
            raise CommandError(f"Not loaded: {error}") from error
        self.stdout.write(
            f"Loaded {loaded['days']} days and {loaded['reminders']} reminders into {user.email}"
        )
