from django.core.management.base import BaseCommand, CommandError

from kesos.inti.cadangan import cadangan_buat
from kesos.inti.errors import KesosError


class Command(BaseCommand):
    help = "Cadangkan seluruh basis data ke satu berkas: `kesos backup -o FILE` (SQLite atau pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="berkas cadangan")

    def handle(self, *args, **opts):
        try:
            tujuan = cadangan_buat(opts["output"])
        except (KesosError, OSError) as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            self.style.SUCCESS(f"Cadangan ditulis ke {tujuan} ({tujuan.stat().st_size:,} bita).")
        )
