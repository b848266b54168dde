from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kesos.inti.formats import angka
from kesos.monev.capaian import bulat
from kesos.spm import queries
from kesos.spm.pemeriksaan import GALAT
from kesos.spm.services import spm_muat_baku


class Command(BaseCommand):
    help = "SPM bidang sosial: `kesos spm muat|hitung|check|export` (lihat `kesos spm SUB --help`)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        sub.add_parser("muat", help="Muat set indikator SPM dan tabel SPM 2019 dari dokumen (aman diulang)")
        for nama, bantuan in (
            ("hitung", "Hitung SPM dari data kesos: pembilang ÷ penyebut × 100"),
            (
                "check",
                "Periksa kontradiksi antartabel tertulis dan dengan nilai terhitung; keluar 1 bila ada galat",
            ),
            ("export", "Tabel SPM bentuk dokumen sebagai XLSX"),
        ):
            p = sub.add_parser(nama, help=bantuan)
            p.add_argument("--year", type=int, required=True)
            if nama != "check":
                p.add_argument("--set", default=None, help="kode set indikator (bawaan: semua yang berlaku)")
            if nama == "export":
                p.add_argument("-o", "--output", required=True)

    def handle(self, *args, **opts):
        return getattr(self, f"do_{opts['aksi']}")(opts)

    def do_muat(self, opts):
        n = spm_muat_baku()
        self.stdout.write(self.style.SUCCESS(f"Set indikator SPM siap; {n} tabel tertulis baru dimuat."))

    def do_hitung(self, opts):
        tabel = queries.hitung(tahun=opts["year"], set_kode=opts["set"])
        if not tabel:
            raise CommandError(
                f"Tidak ada set indikator SPM yang berlaku pada {opts['year']} (kesos spm muat)."
            )
        for t in tabel:
            self.stdout.write(self.style.MIGRATE_HEADING(f"{t.set.nama} — {t.tahun}"))
            for h in t.baris:
                if h.dapat_dihitung:
                    nilai = (
                        f"{angka(h.pembilang, 0)} / {angka(h.penyebut, 0)} = {angka(bulat(h.persen), 2)} %"
                    )
                else:
                    nilai = f"tidak dapat dihitung ({h.alasan})"
                self.stdout.write(f"{h.indikator.nomor:>2}. {h.indikator.uraian[:70]:<70}  {nilai}")
                if h.manual:
                    p = h.persen_manual
                    hasil = f"{angka(bulat(p), 2)} %" if p is not None else "tidak dapat dihitung"
                    self.stdout.write(
                        f"    isian manual: {angka(h.manual.pembilang, 0)} / "
                        f"{angka(h.manual.penyebut, 0)} = {hasil}"
                    )

    def do_check(self, opts):
        temuan = queries.temuan(tahun=opts["year"])
        for t in temuan:
            tempat = " | ".join(t.tabel)
            self.stdout.write(f"[{t.tingkat}] {t.indikator or '-'} — {tempat}: {t.pesan}")
        galat = sum(1 for t in temuan if t.tingkat == GALAT)
        self.stdout.write(f"{len(temuan)} temuan, {galat} galat.")
        if galat:
            raise CommandError(f"{galat} kontradiksi (galat) dalam tabel SPM {opts['year']}.")

    def do_export(self, opts):
        from kesos.laporan.spm_xlsx import buat_xlsx_spm

        tabel = queries.hitung(tahun=opts["year"], set_kode=opts["set"])
        if not tabel:
            raise CommandError(
                f"Tidak ada set indikator SPM yang berlaku pada {opts['year']} (kesos spm muat)."
            )
        Path(opts["output"]).write_bytes(buat_xlsx_spm(tabel))
        self.stdout.write(self.style.SUCCESS(f"Tabel SPM {opts['year']} ditulis ke {opts['output']}."))
