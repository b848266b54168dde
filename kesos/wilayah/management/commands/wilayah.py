from django.core.management.base import BaseCommand, CommandError

from kesos.inti.errors import ImportDitolak
from kesos.wilayah.services import wilayah_import


class Command(BaseCommand):
    help = "Kelola data wilayah: `kesos wilayah import BERKAS.csv` (kolom kode, nama, tingkat, kode_induk)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        imp = sub.add_parser("import", help="Muat wilayah dari CSV")
        imp.add_argument("berkas")

    def handle(self, *args, **opts):
        try:
            jumlah = wilayah_import(berkas=opts["berkas"])
        except ImportDitolak as e:
            for m in e.masalah:
                self.stderr.write(str(m))
            raise CommandError(str(e)) from e
        except OSError as e:
            raise CommandError(f"Berkas tidak dapat dibaca: {e}") from e
        self.stdout.write(self.style.SUCCESS(f"{jumlah} wilayah dimuat."))
