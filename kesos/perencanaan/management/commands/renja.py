from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kesos.akun.perintah import pelaku, tambah_opsi_pengguna
from kesos.inti.cli import laporkan_penolakan
from kesos.laporan.renja_xlsx import buat_xlsx
from kesos.perencanaan import queries
from kesos.perencanaan.access import TAHAP_RANCANGAN
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import Organisasi, Renja, Tahap


def pilih_organisasi(kode: str | None) -> Organisasi:
    if kode:
        org = Organisasi.objects.filter(kode=kode).first()
        if org is None:
            raise CommandError(f"Perangkat daerah dengan kode {kode} tidak ada.")
        return org
    semua = list(Organisasi.objects.all()[:2])
    if len(semua) != 1:
        raise CommandError(
            "Sebutkan --organisasi KODE (ada lebih dari satu atau belum ada perangkat daerah)."
        )
    return semua[0]


def pilih_renja(opts: dict) -> Renja:
    org = pilih_organisasi(opts["organisasi"])
    renja = queries.renja_terbaru(organisasi=org, tahun=opts["year"], tahap=opts["tahap"])
    if renja is None:
        tahap = f" tahap {Tahap(opts['tahap']).label}" if opts["tahap"] else ""
        raise CommandError(f"Renja {opts['year']}{tahap} untuk {org.nama} belum ada.")
    return renja


class Command(BaseCommand):
    help = "Renja: `kesos renja check|export|import` (lihat `kesos renja SUB --help`)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)

        def umum(p, wajib_tahun=True):
            p.add_argument("--year", type=int, required=wajib_tahun, help="tahun Renja")
            p.add_argument("--organisasi", help="kode perangkat daerah")
            p.add_argument("--tahap", choices=Tahap.values, help="tahap (bawaan: versi terbaru)")

        check = sub.add_parser("check", help="Periksa Renja; keluar 1 bila ada galat")
        umum(check)
        export = sub.add_parser("export", help="Ekspor tabel T-C.33")
        umum(export)
        export.add_argument("--format", choices=["xlsx"], default="xlsx")
        export.add_argument("-o", "--output", required=True)
        imp = sub.add_parser(
            "import", help="Impor tabel T-C.33 dari XLSX sebagai versi baru (rancangan awal atau rancangan)"
        )
        imp.add_argument("berkas")
        imp.add_argument("--year", type=int, required=True, help="tahun Renja")
        imp.add_argument("--organisasi", help="kode perangkat daerah")
        # A file becomes a draft: Final and Perubahan are the kepala dinas' decision on the page.
        imp.add_argument(
            "--tahap",
            choices=[t.value for t in TAHAP_RANCANGAN],
            default=Tahap.RANCANGAN_AWAL,
            help="tahap rancangan",
        )
        tambah_opsi_pengguna(imp)

    def handle(self, *args, **opts):
        return getattr(self, f"do_{opts['aksi']}")(opts)

    def do_check(self, opts):
        renja = pilih_renja(opts)
        temuan = queries.renja_temuan(renja)
        for t in temuan:
            self.stdout.write(f"{t.tingkat.upper():<10} {t.kode:<18} {t.kolom:<22} {t.pesan}")
        galat = sum(t.galat for t in temuan)
        self.stdout.write(f"{renja}: {galat} galat, {len(temuan) - galat} peringatan.")
        if galat:
            raise SystemExit(1)

    def do_export(self, opts):
        renja = pilih_renja(opts)
        data = buat_xlsx(queries.renja_ringkasan(renja))
        Path(opts["output"]).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{renja} diekspor ke {opts['output']}."))

    def do_import(self, opts):
        org = pilih_organisasi(opts["organisasi"])
        pengguna = pelaku(opts["pengguna"])
        with laporkan_penolakan(self.stderr, opts["berkas"]):
            hasil = renja_import(
                pengguna=pengguna,
                berkas=opts["berkas"],
                organisasi=org,
                tahun=opts["year"],
                tahap=opts["tahap"],
                nama_berkas=Path(opts["berkas"]).name,
            )
        self.stdout.write(self.style.SUCCESS(f"{hasil.jumlah_baris} baris diimpor sebagai {hasil.renja}."))
        for t in hasil.temuan:
            self.stdout.write(f"{t.tingkat.upper():<10} baris {t.nomor or '-':<5} {t.kode:<18} {t.pesan}")
