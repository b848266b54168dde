"""Registry benchmarks: import N synthetic persons with full validation, a plain COPY of the same
file for comparison (PostgreSQL), and the count by category × kecamatan over them.

`.venv/bin/python -m bench.registri --persons 1000000` (SQLite in a temporary folder), or with
DATABASE_URL=postgres://… for PostgreSQL. The CSV is generated once into bench/out/.
"""

import argparse
import os
import platform
import resource
import statistics
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--ulang", type=int, default=5, help="repetitions of the count query")
    parser.add_argument(
        "--impor", type=int, default=3, help="repetitions of the import, each into empty tables"
    )
    parser.add_argument("--duplikat", action="store_true", help="also time Splink duplicate detection")
    args = parser.parse_args()
    from bench import siapkan_django

    siapkan_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    lama = runner.setup_databases()
    try:
        jalankan(args, connection, call_command)
    finally:
        runner.teardown_databases(lama)


def jalankan(args: argparse.Namespace, connection, call_command) -> None:
    from kesos.akun.access import SISTEM
    from kesos.registri import queries
    from kesos.registri.impor import registri_import
    from kesos.registri.models import Klasifikasi, Orang
    from kesos.registri.services import kategori_muat_baku
    from kesos.registri.sintetis import tulis_csv
    from kesos.wilayah.services import wilayah_muat_lampung_barat

    wilayah_muat_lampung_barat()
    kategori_muat_baku()
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    berkas = out / f"registri_{args.persons}.csv"
    if not berkas.exists():
        mulai = time.perf_counter()
        tulis_csv(args.persons, berkas, seed=1)
        print(f"CSV sintetis {args.persons} orang dibuat dalam {time.perf_counter() - mulai:.1f} s")
    ukuran = berkas.stat().st_size / 2**20

    print(f"basis data: {connection.vendor}; berkas {ukuran:.0f} MiB")
    semua = []
    for ke in range(1, args.impor + 1):
        if ke > 1:  # empty tables again, as for the first run
            call_command("flush", interactive=False, verbosity=0)
            wilayah_muat_lampung_barat()
            kategori_muat_baku()
        mulai = time.perf_counter()
        hasil = registri_import(pengguna=SISTEM, berkas=berkas)
        semua.append(time.perf_counter() - mulai)
        assert hasil.disimpan and hasil.dibuat == args.persons, (hasil.ditolak, hasil.catatan[:3])
        print(f"impor {ke}: {semua[-1]:.1f} s = {args.persons / semua[-1]:,.0f} baris/s")
    detik = statistics.median(semua)
    print(
        f"impor dengan validasi penuh, {args.persons} orang: median {detik:.1f} s = "
        f"{args.persons / detik:,.0f} baris/s; "
        f"terbaik {min(semua):.1f} s = {args.persons / min(semua):,.0f} baris/s"
    )

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("CREATE TEMP TABLE salin (" + ", ".join(f"k{i} text" for i in range(10)) + ")")
            mulai = time.perf_counter()
            with (
                open(berkas, encoding="utf-8") as f,
                c.cursor.copy("COPY salin FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            ):
                while data := f.read(1 << 20):
                    copy.write(data)
            salin = time.perf_counter() - mulai
        print(f"COPY polos berkas yang sama: {salin:.1f} s; rasio impor (median)/COPY = {detik / salin:.1f}×")
        lantai = lantai_server(connection)
        print(
            f"lantai server: baris yang sama ke tabel kembar berindeks, tanpa Python: {lantai:.1f} s "
            f"= {lantai / salin:.1f}× COPY polos"
        )

    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load; index-only scans need the visibility map.
        mulai = time.perf_counter()
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE sesudah impor: {time.perf_counter() - mulai:.1f} s")
    print(f"orang: {Orang.agregat.count():,}; klasifikasi: {Klasifikasi.objects.count():,}")
    waktu = []
    for _ in range(args.ulang):
        mulai = time.perf_counter()
        baris = queries.rekap(per="kecamatan")
        waktu.append(time.perf_counter() - mulai)
    print(
        f"rekap kategori × kecamatan ({len(baris)} baris): median {statistics.median(waktu) * 1000:.0f} ms, "
        f"terbaik {min(waktu) * 1000:.0f} ms"
    )
    if args.duplikat:
        from kesos.registri.duplikat import pasangan_mungkin_sama

        sebelum = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        mulai = time.perf_counter()
        pasangan = pasangan_mungkin_sama()
        print(
            f"duplikat (Splink, DuckDB): {len(pasangan)} pasangan dalam {time.perf_counter() - mulai:.1f} s; "
            f"puncak memori {max(sebelum, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024:.0f} MiB"
        )
    print(f"memori puncak proses: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    anak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"memori puncak proses pemeriksa (anak): {anak:.0f} MiB")
    print(f"mesin: {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}")


def lantai_server(connection) -> float:
    """What the database server alone spends writing what the import wrote: the imported rows
    of each table copied by INSERT … SELECT into an empty twin with the same indexes (foreign
    keys not included), in one transaction. No validation, no Python, no network."""
    from django.db import transaction

    from kesos.akun.models import AuditLog
    from kesos.registri.models import Keluarga, Klasifikasi, Orang, RiwayatKK

    detik = 0.0
    with transaction.atomic(), connection.cursor() as c:
        for model in (Keluarga, RiwayatKK, Orang, AuditLog, Klasifikasi):
            tabel = model._meta.db_table
            c.execute(f'CREATE TABLE "kembar_{tabel}" (LIKE "{tabel}" INCLUDING ALL)')
            mulai = time.perf_counter()
            c.execute(f'INSERT INTO "kembar_{tabel}" SELECT * FROM "{tabel}"')
            detik += time.perf_counter() - mulai
        transaction.set_rollback(True)
    return detik


if __name__ == "__main__":
    main()
