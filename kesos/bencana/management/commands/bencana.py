from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kesos.akun.perintah import pelaku, tambah_opsi_pengguna
from kesos.bencana import queries, services
from kesos.inti.errors import KesosError
from kesos.inti.formats import angka
from kesos.laporan.bencana_xlsx import bencana_xlsx


def _jam(v) -> str:
    return "tidak dapat dihitung" if v is None else f"{angka(v, 2)} jam"


class Command(BaseCommand):
    help = (
        "Bencana: `kesos bencana export|respon|periksa-stok|penyaluran` (lihat `kesos bencana SUB --help`)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        ex = sub.add_parser("export", help="Kejadian, bantuan, stok dan buku stok satu tahun sebagai XLSX")
        ex.add_argument("--year", type=int, required=True)
        ex.add_argument("--format", choices=["xlsx"], default="xlsx")
        ex.add_argument("-o", "--output", required=True)
        r = sub.add_parser("respon", help="Respon time per tahun dan indikator SPM bencana")
        r.add_argument("--year", type=int)
        r.add_argument(
            "--periksa",
            action="store_true",
            help="bandingkan respon time yang tersimpan dengan waktu penyerahan; keluar 1 bila berbeda",
        )
        salur = sub.add_parser(
            "penyaluran",
            help="catat bantuan yang sudah ada sebagai penyaluran program bansos (aman dijalankan dua kali)",
        )
        tambah_opsi_pengguna(salur)
        sub.add_parser(
            "periksa-stok", help="Bandingkan saldo stok dengan jumlah buku stok; keluar 1 bila berbeda"
        )

    def handle(self, *args, aksi, **o):
        if aksi == "export":
            if not 2000 <= o["year"] <= 2100:
                raise CommandError("--year harus antara 2000 dan 2100")
            data = bencana_xlsx(queries.ekspor_tahun(o["year"]))
            Path(o["output"]).write_bytes(data)
            self.stdout.write(f"{o['output']}: {len(data):,} byte")
        elif aksi == "penyaluran":
            try:
                n_bantuan, n_salur = services.penyaluran_isi_dari_bantuan(pengguna=pelaku(o["pengguna"]))
            except KesosError as e:
                raise CommandError(str(e)) from e
            self.stdout.write(f"{n_bantuan} penyerahan bantuan, {n_salur} penyaluran baru dicatat.")
        elif aksi == "respon" and o["periksa"]:
            masalah = queries.respon_periksa()
            for m in masalah:
                self.stdout.write(m)
            if masalah:
                raise CommandError(f"{len(masalah)} kejadian dengan respon time yang berbeda")
            self.stdout.write("Respon time setiap kejadian sama dengan waktu penyerahan bantuannya.")
        elif aksi == "respon":
            for t in (
                queries.respon_tren() if o["year"] is None else [queries.respon_ringkas(tahun=o["year"])]
            ):
                self.stdout.write(
                    f"{t.label or o['year']}: {t.dibantu}/{t.kejadian} kejadian dibantu, "
                    f"rata-rata {_jam(t.rata_jam)}, median {_jam(t.median_jam)}"
                )
            if o["year"]:
                for s in queries.spm_bencana(tahun=o["year"]):
                    persen = "tidak dapat dihitung" if s.persen is None else f"{angka(s.persen, 2)} %"
                    self.stdout.write(f"SPM {s.nomor}: {s.pembilang}/{s.penyebut} = {persen}")
        else:
            masalah = queries.stok_periksa()
            for m in masalah:
                self.stdout.write(m)
            if masalah:
                raise CommandError(f"{len(masalah)} selisih antara saldo dan buku stok")
            self.stdout.write("Saldo stok sama dengan buku stok.")
