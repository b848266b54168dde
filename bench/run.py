"""Benchmarks for the Renja on synthetic plans of 2.000 kegiatan (the local shape) and 2.000
sub-kegiatan (the national shape): tree page, check, export, import; then E.81 and T-C.29.

Run with `make bench` (or `.venv/bin/python -m bench.run [--kegiatan N] [--ulang N]`);
`python -m bench.run duplikat [--persons 100000 1000000]` scores the duplicate search instead
(bench/duplikat.py). It uses a
fresh SQLite database in a temporary folder unless DATABASE_URL names another database, in which
case a test database beside it is created and dropped.
"""

import argparse

from bench import dengan_basis_data_uji, mesin, ukur


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kegiatan", type=int, default=2000)
    parser.add_argument("--per-program", type=int, default=20)
    parser.add_argument("--ulang", type=int, default=5)
    args = parser.parse_args()

    dengan_basis_data_uji(lambda: jalankan(args))
    from django.db import connection

    print(f"basis data: {connection.vendor}")


def jalankan(args: argparse.Namespace) -> None:
    from django.test import Client

    from bench.sintetis import buat_renja_sintetis
    from kesos.akun.access import SISTEM
    from kesos.akun.models import Peran
    from kesos.akun.services import pengguna_buat
    from kesos.laporan.renja_xlsx import buat_xlsx
    from kesos.perencanaan import queries
    from kesos.perencanaan.impor import baca_renja, renja_import
    from kesos.perencanaan.models import Tahap

    user = pengguna_buat(username="bench", password="bench-bench-1", peran=Peran.PERENCANA)
    client = Client()
    client.force_login(user)
    tahun = iter(range(3000, 3200))
    for bentuk, tingkat in (("lokal", "kegiatan"), ("nasional", "sub-kegiatan")):
        renja = buat_renja_sintetis(kegiatan=args.kegiatan, per_program=args.per_program, bentuk=bentuk)
        ringkasan = queries.renja_ringkasan(renja)
        print(
            f"Renja sintetis ({bentuk}, {ringkasan.skema.nama}): {ringkasan.jumlah_program} program, "
            f"{ringkasan.jumlah_kegiatan} kegiatan, {ringkasan.jumlah_sub_kegiatan} sub-kegiatan, "
            f"total Rp {ringkasan.pohon.total:,}".replace(",", ".")
        )
        path = f"/renja/{renja.pk}/"
        assert client.get(path).status_code == 200
        assert not [t for t in queries.renja_temuan(renja) if t.galat], "the synthetic Renja must check clean"
        xlsx = buat_xlsx(ringkasan)
        org = renja.organisasi

        def impor(xlsx=xlsx, org=org):
            renja_import(
                pengguna=SISTEM, berkas=xlsx, organisasi=org, tahun=next(tahun), tahap=Tahap.RANCANGAN_AWAL
            )

        hasil = [
            ("halaman pohon Renja (GET, HTML)", ukur(lambda path=path: client.get(path), args.ulang)),
            ("pemeriksaan (kesos renja check)", ukur(lambda r=renja: queries.renja_temuan(r), args.ulang)),
            ("ekspor XLSX T-C.33", ukur(lambda r=renja: buat_xlsx(queries.renja_ringkasan(r)), args.ulang)),
            (
                "impor XLSX: baca dan periksa saja",
                ukur(lambda x=xlsx, o=org: baca_renja(x, organisasi=o), args.ulang),
            ),
            ("impor XLSX: baca, periksa, simpan", ukur(impor, args.ulang)),
        ]
        print(
            f"  {args.kegiatan} {tingkat}; XLSX {len(xlsx) / 1024:.0f} KiB; "
            f"{args.ulang} kali, detik (median / min)"
        )
        for nama, (median, terbaik) in hasil:
            print(f"  {nama:<38} {median:7.3f}  {terbaik:7.3f}")
    evaluasi(args, client)
    print(mesin())


def evaluasi(args: argparse.Namespace, client) -> None:
    """Issue 3: both evaluation tables for a final Renja with four quarters on every kegiatan."""
    from bench.sintetis import buat_realisasi_sintetis, buat_renja_sintetis, buat_renstra_sintetis
    from kesos.laporan.evaluasi_xlsx import buat_e81, buat_tc29
    from kesos.monev import queries as monev
    from kesos.perencanaan.models import Tahap

    renja = buat_renja_sintetis(
        kegiatan=args.kegiatan, per_program=args.per_program, tahun=2040, tahap=Tahap.FINAL
    )
    buat_renstra_sintetis(renja)
    n = buat_realisasi_sintetis(renja)
    org = renja.organisasi
    print(f"Evaluasi: Renja final {args.kegiatan} kegiatan, {n} realisasi triwulan, Renstra tertaut")
    hasil = [
        ("E.81: hitung tabel", ukur(lambda: monev.e81(renja), args.ulang)),
        ("E.81: hitung dan tulis XLSX", ukur(lambda: buat_e81(monev.e81(renja)), args.ulang)),
        (
            "E.81: halaman (GET, HTML)",
            ukur(lambda: client.get(f"/evaluasi/renja/{renja.pk}/e81/"), args.ulang),
        ),
        ("T-C.29: hitung tabel", ukur(lambda: monev.tc29(organisasi=org, tahun=2040), args.ulang)),
        (
            "T-C.29: hitung dan tulis XLSX",
            ukur(lambda: buat_tc29(monev.tc29(organisasi=org, tahun=2040)), args.ulang),
        ),
        (
            "T-C.29: halaman (GET, HTML)",
            ukur(lambda: client.get(f"/evaluasi/{org.pk}/tc29/2040/"), args.ulang),
        ),
    ]
    for nama, (median, terbaik) in hasil:
        print(f"  {nama:<38} {median:7.3f}  {terbaik:7.3f}")


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["duplikat"]:  # `python -m bench.run duplikat [--persons N ...]`
        from bench.duplikat import main as duplikat

        duplikat(sys.argv[2:])
    else:
        main()
