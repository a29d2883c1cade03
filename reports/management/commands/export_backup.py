import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from reports.backup import dump
from tracker.models import User


class Command(BaseCommand):
    help = "Write the full backup of one account (everything she entered) to a JSON file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("path")

    def handle(self, *args, email: str, path: str, **options) -> None:
        try:
            user = User.objects.get_by_natural_key(email)
        except User.DoesNotExist as e:
            raise CommandError(f"No account with the email {email}") from e
        with open(path, "w", encoding="utf-8") as file:
            json.dump(dump(user), file, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        self.stdout.write(f"Wrote the backup of {user.email} to {path}")
