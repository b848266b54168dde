from django.core.management.base import BaseCommand, CommandError

from kesos.inti.cadangan import cadangan_pulihkan
from kesos.inti.errors import KesosError


class Command(BaseCommand):
    help = (
        "Pulihkan basis data dari cadangan: `kesos restore FILE`. Seluruh isi basis data diganti; "
        "hentikan server lebih dahulu."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="tanya", help="jangan bertanya"
        )

    def handle(self, *args, **opts):
        if opts["tanya"]:
            jawab = input(
                f"Seluruh isi basis data akan diganti dengan {opts['berkas']}. Lanjutkan? [ya/tidak] "
            )
            if jawab.strip().lower() not in {"ya", "y"}:
                raise CommandError("Dibatalkan; basis data tidak berubah.")
        try:
            cadangan_pulihkan(opts["berkas"])
        except (KesosError, OSError) as e:
            raise CommandError(str(e)) from e
        self.stdout.write(self.style.SUCCESS(f"Basis data dipulihkan dari {opts['berkas']}."))
