from django.core.management.base import BaseCommand

from kesos.inti.cli import laporkan_penolakan
from kesos.wilayah.services import wilayah_import


class Command(BaseCommand):
    help = "Kelola data wilayah: `kesos wilayah import BERKAS.csv` (kolom kode, nama, tingkat, kode_induk)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        imp = sub.add_parser("import", help="Muat wilayah dari CSV")
        imp.add_argument("berkas")

    def handle(self, *args, **opts):
        with laporkan_penolakan(self.stderr, opts["berkas"]):
            jumlah = wilayah_import(berkas=opts["berkas"])
        self.stdout.write(self.style.SUCCESS(f"{jumlah} wilayah dimuat."))
