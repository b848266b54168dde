from django.core.management.base import BaseCommand, CommandError

from kesos.inti.errors import KesosError
from kesos.tugas.services import tugas_jalankan


class Command(BaseCommand):
    help = "Tugas latar belakang: `kesos tugas jalankan <id>` (dijalankan oleh halaman yang memulainya)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        jalan = sub.add_parser("jalankan", help="Jalankan satu tugas yang menunggu")
        jalan.add_argument("id", type=int)

    def handle(self, *args, **opts):
        try:
            tugas = tugas_jalankan(opts["id"])
        except KesosError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(f"Tugas #{tugas.pk}: {tugas.get_status_display()} — {tugas.pesan}")
