import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kesos.akun.perintah import pelaku, tambah_opsi_pengguna
from kesos.inti.cli import laporkan_penolakan
from kesos.inti.ekspor import penulis_csv
from kesos.registri import queries
from kesos.registri.duplikat import AMBANG, antrekan, pasangan_mungkin_sama
from kesos.registri.impor import registri_import
from kesos.registri.sintetis import tulis_csv


class Command(BaseCommand):
    help = "Registri PMKS/PSKS: `kesos registri import|rekap|synth` (lihat `kesos registri SUB --help`)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        imp = sub.add_parser("import", help="Impor orang dari CSV atau XLSX")
        imp.add_argument("berkas")
        imp.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="NAMA_DI_BERKAS=kolom",
            help="petakan nama kolom lain, mis. --map NIK_KTP=nik (boleh berulang)",
        )
        imp.add_argument(
            "--keep-valid", action="store_true", help="simpan baris yang sah walau ada yang ditolak"
        )
        imp.add_argument("--report", help="berkas laporan CSV (bawaan: di samping berkas masukan)")
        tambah_opsi_pengguna(imp)
        rekap = sub.add_parser("rekap", help="Jumlah orang hidup per wilayah dan kategori")
        rekap.add_argument("--per", choices=["kecamatan", "desa"], default="kecamatan")
        rekap.add_argument("--format", choices=["teks", "csv"], default="teks")
        rekap.add_argument("--year", type=int, help="hanya klasifikasi sampai akhir tahun ini")
        dup = sub.add_parser("duplikat", help="Cari kemungkinan duplikat (Splink, DuckDB) dan antrekan")
        dup.add_argument(
            "--ambang", type=float, default=AMBANG, help=f"probabilitas minimal (bawaan {AMBANG})"
        )
        dup.add_argument("--wilayah", default="", help="batasi ke kode wilayah")
        synth = sub.add_parser("synth", help="Buat registri sintetis (bukan orang sungguhan)")
        synth.add_argument("--persons", type=int, required=True)
        synth.add_argument("-o", "--output", default="registri_sintetis.csv")
        synth.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, **opts):
        return getattr(self, f"do_{opts['aksi']}")(opts)

    def do_import(self, opts):
        berkas = Path(opts["berkas"])
        if not berkas.exists():
            raise CommandError(f"Berkas {berkas} tidak ada.")
        peta = {}
        for m in opts["map"]:
            if "=" not in m:
                raise CommandError(f"--map {m}: tulis sebagai NAMA_DI_BERKAS=kolom")
            asal, tujuan = m.split("=", 1)
            peta[asal] = tujuan
        laporan = Path(opts["report"] or berkas.with_name(berkas.stem + ".laporan.csv"))
        pengguna = pelaku(opts["pengguna"])
        with (
            laporkan_penolakan(self.stderr, str(berkas)),
            tqdm(desc="Memeriksa", unit=" baris", disable=not sys.stderr.isatty()) as bar,
        ):
            hasil = registri_import(
                berkas=berkas,
                peta_kolom=peta,
                simpan_yang_sah=opts["keep_valid"],
                kemajuan=bar.update,
                pengguna=pengguna,
            )
        hasil.tulis_laporan(laporan)
        self.stdout.write(
            f"{hasil.dibaca} baris dibaca: {hasil.dibuat} orang baru, {hasil.diperbarui} diperbarui, "
            f"{hasil.ditolak} baris ditolak. Laporan: {laporan}"
        )
        if hasil.ditolak:
            if not hasil.disimpan:
                self.stderr.write(
                    "Tidak ada yang disimpan (pakai --keep-valid untuk menyimpan baris yang sah)."
                )
            raise CommandError(f"{hasil.ditolak} baris ditolak; lihat {laporan}.")

    def do_rekap(self, opts):
        baris = queries.rekap(per=opts["per"], tahun=opts["year"])
        if opts["format"] == "csv":
            w = penulis_csv(self.stdout)
            w.writerow(["kode_wilayah", "nama_wilayah", "kategori", "jumlah"])
            for b in baris:
                w.writerow([b.kode_wilayah, b.nama_wilayah, b.kategori, b.jumlah])
            return
        for b in baris:
            self.stdout.write(f"{b.kode_wilayah:<14} {b.nama_wilayah:<24} {b.kategori:<45} {b.jumlah:>8}")

    def do_duplikat(self, opts):
        pasangan = pasangan_mungkin_sama(lingkup=opts["wilayah"], ambang=opts["ambang"])
        baru = antrekan(pasangan)
        self.stdout.write(
            f"{len(pasangan)} pasangan kemungkinan duplikat; {baru} baru masuk antrean keputusan."
        )

    def do_synth(self, opts):
        n = tulis_csv(opts["persons"], opts["output"], seed=opts["seed"])
        self.stdout.write(self.style.SUCCESS(f"{n} orang sintetis ditulis ke {opts['output']}."))
