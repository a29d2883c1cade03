from django.core.management.base import BaseCommand

from habits.catalogue import load_catalogue


class Command(BaseCommand):
    help = "Load the catalogue (positions, supports, exercises, habits...) idempotently."

    def handle(self, *args, **options):
        counts = load_catalogue()
        self.stdout.write(", ".join(f"{count} {what}" for what, count in counts.items()))
