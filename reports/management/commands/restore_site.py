from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.site_backup import SECRETS, Secrets, SiteBackupError, restore, secret_key_matches


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into this server's database, which must be new "
        "and empty. Load the backup's secrets.env into the environment first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help="The folder backup_site wrote.")

    def handle(self, *args, folder: Path, **options) -> None:
        try:
            manifest = restore(folder)
        except SiteBackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            f"Restored the backup of {manifest['made_at']} ({manifest['database']}, VAPID key "
            f"{manifest['vapid_key_id']}). Next: `manage.py migrate`, then start the site "
            "(make run-production does both)."
        )
        if not secret_key_matches(Secrets.from_env((folder / SECRETS).read_text())):
            self.stderr.write(
                f"SECRET_KEY is not the backup's: sessions and emailed links made before the "
                f"backup no longer work. The backup's is in {folder / SECRETS}."
            )
