from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kesos.akun.perintah import pelaku, tambah_opsi_pengguna
from kesos.inti.cli import laporkan_penolakan
from kesos.inti.formats import angka, rupiah
from kesos.laporan.evaluasi_xlsx import buat_e81, buat_tc29
from kesos.monev import queries
from kesos.monev.capaian import TIDAK_DAPAT_DIHITUNG, bulat, persen
from kesos.monev.impor import realisasi_import
from kesos.perencanaan.management.commands.renja import pilih_organisasi, pilih_renja
from kesos.perencanaan.models import Tahap


def _persen(v) -> str:
    return TIDAK_DAPAT_DIHITUNG if v is None else f"{angka(bulat(v), 2)} %"


class Command(BaseCommand):
    help = "Evaluasi: `kesos evaluasi check|export|anggaran` (lihat `kesos evaluasi SUB --help`)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        check = sub.add_parser("check", help="Bandingkan angka tertulis Lampiran I dengan hasil hitung")
        check.add_argument("--year", type=int, required=True, help="tahun Renja")
        check.add_argument("--organisasi")
        export = sub.add_parser("export", help="Ekspor tabel T-C.29 atau E.81")
        export.add_argument("--tabel", choices=["tc29", "e81"], required=True)
        export.add_argument("--year", type=int, required=True, help="tahun Renja")
        export.add_argument("--organisasi")
        export.add_argument("--tahap", choices=Tahap.values)
        export.add_argument("--format", choices=["xlsx"], default="xlsx")
        export.add_argument("-o", "--output", required=True)
        imp = sub.add_parser("import", help="Impor realisasi triwulan dari XLSX berformat E.81")
        imp.add_argument("berkas")
        imp.add_argument("--year", type=int, required=True, help="tahun Renja")
        imp.add_argument("--organisasi")
        imp.add_argument("--tahap", choices=Tahap.values)
        tambah_opsi_pengguna(imp)
        ang = sub.add_parser("anggaran", help="Realisasi anggaran satu tahun anggaran")
        ang.add_argument("--year", type=int, required=True, help="tahun anggaran")
        ang.add_argument("--organisasi")

    def handle(self, *args, **opts):
        return getattr(self, f"do_{opts['aksi']}")(opts)

    def do_check(self, opts):
        org = pilih_organisasi(opts["organisasi"])
        tabel = queries.tc29(organisasi=org, tahun=opts["year"])
        if tabel.renstra is None:
            raise CommandError(f"Belum ada Renstra {org.nama} yang mencakup tahun {opts['year']}.")
        selisih = queries.tc29_selisih(tabel)
        for s in selisih:
            if s.dihitung is None:
                dihitung = TIDAK_DAPAT_DIHITUNG
            elif s.kolom in (8, 11):
                dihitung = _persen(s.dihitung)
            else:
                dihitung = angka(s.dihitung, 0 if s.dihitung == int(s.dihitung) else 2)
            self.stdout.write(
                f"T-C.29 baris {s.kode or '(tanpa kode)'} {s.nama[:50]}: kolom ({s.kolom}) "
                f"tertulis {s.tertulis}, dihitung {dihitung}"
            )
        self.stdout.write(f"{len(selisih)} angka tertulis berbeda dari hasil hitung.")
        if selisih:
            raise SystemExit(1)

    def do_export(self, opts):
        if opts["tabel"] == "tc29":
            org = pilih_organisasi(opts["organisasi"])
            tabel = queries.tc29(organisasi=org, tahun=opts["year"])
            if tabel.renstra is None:
                raise CommandError(f"Belum ada Renstra {org.nama} yang mencakup tahun {opts['year']}.")
            data = buat_tc29(tabel)
        else:
            data = buat_e81(queries.e81(pilih_renja(opts)))
        Path(opts["output"]).write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(f"Tabel {opts['tabel'].upper()} {opts['year']} ditulis ke {opts['output']}.")
        )

    def do_import(self, opts):
        renja = pilih_renja(opts)
        pengguna = pelaku(opts["pengguna"])
        with laporkan_penolakan(self.stderr, opts["berkas"]):
            hasil = realisasi_import(
                berkas=opts["berkas"], renja=renja, nama_berkas=opts["berkas"], pengguna=pengguna
            )
        pesan = f"{hasil.jumlah_triwulan} realisasi triwulan untuk {hasil.jumlah_baris} kegiatan diimpor"
        self.stdout.write(self.style.SUCCESS(f"{pesan} ke {renja}."))

    def do_anggaran(self, opts):
        org = pilih_organisasi(opts["organisasi"])
        r = queries.anggaran(organisasi=org, tahun=opts["year"])
        if r is None:
            raise CommandError(f"Belum ada data anggaran {opts['year']} untuk {org.nama}.")
        a = r.anggaran
        self.stdout.write(f"Realisasi anggaran {a.tahun} {org.nama}")
        self.stdout.write(f"  Alokasi   {rupiah(a.pagu)}")
        self.stdout.write(f"  Realisasi {rupiah(a.realisasi)}")
        self.stdout.write(f"  Capaian   {_persen(r.persen)}")
        if r.kegiatan:
            self.stdout.write("Kegiatan yang realisasinya di bawah 100 %:")
        for k in r.kegiatan:
            bagian = []
            if k.fisik_persen is not None:
                bagian.append(f"fisik {angka(k.fisik_persen, 2)} %")
            if k.pagu:
                capaian = _persen(persen(k.realisasi, k.pagu))
                bagian.append(f"anggaran {rupiah(k.realisasi)} dari {rupiah(k.pagu)} ({capaian})")
            self.stdout.write(f"  - {k.nama}: {', '.join(bagian)}")
            self.stdout.write(f"    Alasan: {k.alasan}")
