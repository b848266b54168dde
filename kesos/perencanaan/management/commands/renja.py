from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kesos.akun.perintah import pelaku, tambah_opsi_pengguna
from kesos.inti.cli import laporkan_penolakan
from kesos.inti.errors import KesosError
from kesos.laporan.renja_xlsx import buat_xlsx
from kesos.perencanaan import pemetaan, queries, services
from kesos.perencanaan.access import TAHAP_RANCANGAN
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import NomenklaturVersi, Organisasi, Renja, SkemaKode, Tahap


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
    help = "Renja: `kesos renja check|export|import|petakan|nasional` (lihat `kesos renja SUB --help`)."

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
            "import",
            help="Impor tabel T-C.33 (XLSX atau CSV) sebagai versi baru (rancangan awal atau rancangan)",
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
        imp.add_argument("--skema", help="kode skema kode (bawaan: dikenali dari kode dalam berkas)")
        tambah_opsi_pengguna(imp)
        petakan = sub.add_parser("petakan", help="Saran kode nasional untuk baris Renja berskema lokal")
        umum(petakan)
        petakan.add_argument("--versi", help="kode versi nomenklatur (bawaan: yang terbaru)")
        tambah_opsi_pengguna(petakan)
        petakan.add_argument(
            "--terima",
            type=int,
            metavar="SKOR",
            help="simpan saran terbaik yang skornya sekurang-kurangnya SKOR",
        )
        nasional = sub.add_parser("nasional", help="Mulai Renja tahun berikutnya dalam skema nasional")
        umum(nasional)
        nasional.add_argument("--versi", help="kode versi nomenklatur (bawaan: yang terbaru)")
        tambah_opsi_pengguna(nasional)

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
            skema = None
            if opts["skema"]:
                skema = SkemaKode.objects.filter(kode=opts["skema"]).first()
                if skema is None:
                    pilihan = ", ".join(SkemaKode.objects.values_list("kode", flat=True))
                    raise CommandError(f"Skema {opts['skema']} tidak ada (ada: {pilihan}).")
            hasil = renja_import(
                pengguna=pengguna,
                berkas=opts["berkas"],
                organisasi=org,
                tahun=opts["year"],
                tahap=opts["tahap"],
                skema=skema,
                nama_berkas=Path(opts["berkas"]).name,
            )
        self.stdout.write(self.style.SUCCESS(f"{hasil.jumlah_baris} baris diimpor sebagai {hasil.renja}."))
        for t in hasil.temuan:
            self.stdout.write(f"{t.tingkat.upper():<10} baris {t.nomor or '-':<5} {t.kode:<18} {t.pesan}")

    def _versi(self, opts) -> NomenklaturVersi:
        versi = (
            NomenklaturVersi.objects.filter(kode=opts["versi"]).first()
            if opts["versi"]
            else pemetaan.versi_nasional()
        )
        if versi is None:
            raise CommandError("Versi nomenklatur tidak ada; muat dengan `kesos nomenklatur impor`.")
        return versi

    def do_petakan(self, opts):
        renja = pilih_renja(opts)
        versi = self._versi(opts)
        daftar = pemetaan.pemetaan_renja(renja, versi)
        for d in daftar:
            terbaik = d.saran[0] if d.saran else None
            tanda = "✓" if d.diputuskan else " "
            self.stdout.write(
                f"{tanda} {d.baris.kode:<16} {d.baris.nama[:48]:<48} → "
                + (f"{terbaik.kode} {terbaik.nama[:48]} ({terbaik.skor})" if terbaik else "-")
            )
        if opts["terima"] is not None:
            pilihan = {
                d.baris.kode: d.saran[0].item_id
                for d in daftar
                if not d.diputuskan and d.saran and d.saran[0].skor >= opts["terima"]
            }
            skor = {d.baris.kode: d.saran[0].skor for d in daftar if d.baris.kode in pilihan}
            n = services.pemetaan_simpan(
                renja=renja, pilihan=pilihan, skor=skor, pengguna=pelaku(opts["pengguna"])
            )
            self.stdout.write(self.style.SUCCESS(f"{n} saran dengan skor ≥ {opts['terima']} disimpan."))
        dipetakan = sum(1 for d in pemetaan.pemetaan_renja(renja, versi) if d.pilihan)
        self.stdout.write(f"{dipetakan} dari {len(daftar)} baris berpagu dipetakan ke {versi.nama}.")

    def do_nasional(self, opts):
        renja = pilih_renja(opts)
        try:
            hasil = services.renja_mulai_nasional(
                renja=renja, versi=self._versi(opts), pengguna=pelaku(opts["pengguna"])
            )
        except KesosError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(self.style.SUCCESS(f"{hasil.renja} dibuat dalam skema {hasil.renja.skema.nama}."))
        for b in hasil.tidak_dipetakan:
            self.stdout.write(f"belum dipetakan, tidak disalin: {b.kode} {b.nama}")
