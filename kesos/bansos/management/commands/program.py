from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kesos.akun.perintah import pelaku, tambah_opsi_pengguna
from kesos.bansos import queries
from kesos.bansos.impor import HASIL, daftar_impor
from kesos.bansos.models import Periode, Program
from kesos.inti.cli import laporkan_penolakan
from kesos.inti.formats import angka, rupiah


class Command(BaseCommand):
    help = "Program bantuan: `kesos program daftar|check|impor|cakupan` (lihat `kesos program SUB --help`)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        sub.add_parser("daftar", help="Daftar program, periode dan penyalurannya dibanding pagu kegiatan")
        sub.add_parser(
            "check",
            help="Periksa program (biaya tanpa kegiatan, melebihi pagu, siklus); keluar 1 bila galat",
        )
        imp = sub.add_parser(
            "impor", help="Impor daftar penerima dari pusat (NIK, lalu KK) dengan laporan per baris"
        )
        imp.add_argument("berkas")
        imp.add_argument("--program", required=True, help="kode program, mis. PKH")
        imp.add_argument("--periode", required=True, help="nama periode, mis. 2021")
        imp.add_argument(
            "--keep-valid", action="store_true", help="simpan baris yang sah walau ada yang ditolak"
        )
        imp.add_argument("--report", help="berkas laporan CSV (bawaan: di samping berkas masukan)")
        tambah_opsi_pengguna(imp)
        cak = sub.add_parser("cakupan", help="Layak, terdaftar, tersalur dan celah per wilayah")
        cak.add_argument("--program", required=True)
        cak.add_argument("--periode", required=True)
        cak.add_argument("--per", choices=["kecamatan", "desa"], default="kecamatan")
        cak.add_argument("--wilayah", default="", help="batasi ke kode wilayah")
        cak.add_argument("-o", "--output", help="tulis XLSX ke berkas ini")

    def handle(self, *args, **opts):
        return getattr(self, f"do_{opts['aksi']}")(opts)

    def _periode(self, opts) -> Periode:
        program = Program.objects.filter(kode=opts["program"].upper()).first()
        if program is None:
            raise CommandError(f"Program {opts['program']} tidak ada.")
        periode = Periode.objects.filter(program=program, nama=opts["periode"]).first()
        if periode is None:
            ada = ", ".join(program.periode.values_list("nama", flat=True)) or "belum ada"
            raise CommandError(f"Periode {opts['periode']} program {program.kode} tidak ada (ada: {ada}).")
        return periode

    def do_daftar(self, opts):
        for p in Program.objects.prefetch_related("periode"):
            self.stdout.write(
                f"{p.kode:<10} {p.nama} ({p.get_satuan_display()}, {p.get_jenis_manfaat_display()})"
            )
            for per in p.periode.all():
                b = queries.perbandingan(per)
                keg = (
                    f"{b.kegiatan.kode} pagu {rupiah(b.pagu)}, realisasi {rupiah(b.realisasi)}"
                    if b.kegiatan
                    else "tanpa kegiatan"
                )
                self.stdout.write(f"    {per.nama:<10} disalurkan {rupiah(b.disalurkan)}; {keg}")

    def do_check(self, opts):
        temuan = queries.program_temuan()
        for t in temuan:
            self.stdout.write(f"[{t.tingkat}] {t.program}: {t.pesan}")
        galat = sum(1 for t in temuan if t.tingkat == "galat")
        self.stdout.write(f"{len(temuan)} temuan, {galat} galat.")
        if galat:
            raise CommandError(f"{galat} galat pada program bantuan.")

    def do_impor(self, opts):
        periode = self._periode(opts)
        berkas = Path(opts["berkas"])
        pengguna = pelaku(opts["pengguna"])
        laporan = Path(opts["report"] or berkas.with_name(berkas.stem + ".laporan.csv"))
        with laporkan_penolakan(self.stderr, str(berkas)):
            hasil = daftar_impor(
                berkas=berkas,
                nama_berkas=berkas.name,
                periode=periode,
                simpan_yang_sah=opts["keep_valid"],
                pengguna=pengguna,
            )
        hasil.tulis_laporan(laporan)
        for kode, n in sorted(hasil.rekap.items(), key=lambda x: -x[1]):
            self.stdout.write(f"  {HASIL[kode]:<45} {angka(n):>10}")
        self.stdout.write(
            f"{angka(hasil.dibaca)} baris dibaca: {angka(hasil.didaftarkan)} didaftarkan, "
            f"{angka(hasil.ditolak)} ditolak. Laporan: {laporan}"
        )
        if hasil.ditolak:
            if not hasil.disimpan:
                self.stderr.write(
                    "Tidak ada yang disimpan (pakai --keep-valid untuk menyimpan baris yang sah)."
                )
            raise CommandError(f"{hasil.ditolak} baris ditolak; lihat {laporan}.")

    def do_cakupan(self, opts):
        periode = self._periode(opts)
        c = queries.cakupan(
            program=periode.program, periode=periode, lingkup=opts["wilayah"], per=opts["per"]
        )
        if opts["output"]:
            from kesos.laporan.bansos_xlsx import buat_xlsx_cakupan

            Path(opts["output"]).write_bytes(buat_xlsx_cakupan(c))
            self.stdout.write(self.style.SUCCESS(f"Cakupan ditulis ke {opts['output']}."))
            return
        w = self.stdout.write
        w(f"{'kode':<14} {'wilayah':<24} {'layak':>9} {'terdaftar':>9} {'tersalur':>9} {'celah':>9}")
        for b in [*c.baris, c.total]:
            angka_baris = "".join(f"{angka(n):>10}" for n in (b.layak, b.terdaftar, b.tersalur, b.celah))
            w(f"{b.kode:<14} {b.nama:<24}{angka_baris}")
