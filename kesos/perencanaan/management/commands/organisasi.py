from django.core.management.base import BaseCommand, CommandError

from kesos.akun.perintah import pelaku, tambah_opsi_pengguna
from kesos.inti.errors import KesosError
from kesos.perencanaan.models import Organisasi
from kesos.perencanaan.services import organisasi_tambah


class Command(BaseCommand):
    help = 'Kelola perangkat daerah: `kesos organisasi add KODE "NAMA"`, `kesos organisasi list`.'

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        add = sub.add_parser("add", help="Daftarkan perangkat daerah")
        add.add_argument("kode")
        add.add_argument("nama")
        tambah_opsi_pengguna(add)
        sub.add_parser("list", help="Daftar perangkat daerah")

    def handle(self, *args, **opts):
        if opts["aksi"] == "list":
            for org in Organisasi.objects.all():
                self.stdout.write(f"{org.kode}\t{org.nama}")
            return
        try:
            org = organisasi_tambah(kode=opts["kode"], nama=opts["nama"], pengguna=pelaku(opts["pengguna"]))
        except KesosError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(self.style.SUCCESS(f"Perangkat daerah {org.kode} {org.nama} terdaftar."))
