from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.site_backup import SECRETS, SiteBackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the whole site into a new folder: the database (pg_dump, or SQLite's copy) and "
        "the secrets that must survive with it (SECRET_KEY and the VAPID key pair)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help="A new folder (or an empty one).")

    def handle(self, *args, folder: Path, **options) -> None:
        try:
            manifest = backup(folder)
        except SiteBackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            f"Backed up {manifest['database']} with {len(manifest['migrations'])} migrations "
            f"and the VAPID key {manifest['vapid_key_id']} into {folder}.\n"
            f"{folder / SECRETS} holds the secrets: keep it as safe as the database."
        )
