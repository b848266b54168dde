from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kesos.akun.perintah import pelaku, tambah_opsi_pengguna
from kesos.inti.cli import laporkan_penolakan
from kesos.perencanaan.models import NomenklaturVersi, SkemaKode
from kesos.perencanaan.nomenklatur import nomenklatur_impor, nomenklatur_muat_baku


class Command(BaseCommand):
    help = (
        "Nomenklatur nasional: `kesos nomenklatur daftar|baku|impor` (lihat `kesos nomenklatur SUB --help`)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        sub.add_parser("daftar", help="Versi yang dimuat")
        sub.add_parser("baku", help="Muat versi yang dikirim bersama kesos (aman dijalankan ulang)")
        imp = sub.add_parser("impor", help="Muat versi baru dari tabel (kode, nama, status) XLSX atau CSV")
        imp.add_argument("berkas")
        imp.add_argument("--kode", required=True, help="kode versi, mis. kepmendagri-900.1-861-2026")
        imp.add_argument("--nama", required=True, help="nama versi, mis. 'Kepmendagri 900.1-861 Tahun 2026'")
        imp.add_argument("--skema", required=True, help="kode skema yang dipakai kode-kodenya")
        imp.add_argument("--sumber", default="", help="sumber data, dikutip di setiap tampilan")
        tambah_opsi_pengguna(imp)

    def handle(self, *args, **opts):
        return getattr(self, f"do_{opts['aksi']}")(opts)

    def do_daftar(self, opts):
        for v in NomenklaturVersi.objects.select_related("skema").order_by("id"):
            skema = v.skema.kode if v.skema else "-"
            self.stdout.write(f"{v.kode:<34} {v.item.count():>5} kode  skema {skema:<20} {v.nama}")

    def do_baku(self, opts):
        self.stdout.write(f"{nomenklatur_muat_baku()} kode dimuat.")

    def do_impor(self, opts):
        skema = SkemaKode.objects.filter(kode=opts["skema"]).first()
        if skema is None:
            pilihan = ", ".join(SkemaKode.objects.values_list("kode", flat=True))
            raise CommandError(f"Skema {opts['skema']} tidak ada (ada: {pilihan}).")
        with laporkan_penolakan(self.stderr, opts["berkas"]):
            versi = nomenklatur_impor(
                berkas=opts["berkas"],
                kode=opts["kode"],
                nama=opts["nama"],
                skema=skema,
                sumber=opts["sumber"],
                nama_berkas=Path(opts["berkas"]).name,
                pengguna=pelaku(opts["pengguna"]),
            )
        self.stdout.write(self.style.SUCCESS(f"{versi.item.count()} kode dimuat sebagai {versi.nama}."))
