"""Benchmarks for disasters: stock on hand for 500 items over a ledger of 1.000.000 entries,
and the response-time indicator over 10.000 events (each with one to three deliveries).

Run with `.venv/bin/python -m bench.bencana [--entri N] [--kejadian N]`. A fresh SQLite
database in a temporary folder unless DATABASE_URL names another database, in which case a
test database beside it is created and dropped. Quality is checked beside speed: the derived
balances must equal the ledger's sums, and the response time must equal one computed here.
"""

import argparse
import os
import platform
import random
import statistics
import time
from datetime import date, datetime, timedelta


def ukur(fungsi, ulang: int) -> tuple[float, float, object]:
    waktu, hasil = [], None
    for _ in range(ulang):
        mulai = time.perf_counter()
        hasil = fungsi()
        waktu.append(time.perf_counter() - mulai)
    return statistics.median(waktu), min(waktu), hasil


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--barang", type=int, default=500)
    p.add_argument("--entri", type=int, default=1_000_000)
    p.add_argument("--kejadian", type=int, default=10_000)
    p.add_argument("--ulang", type=int, default=5)
    a = p.parse_args()
    from bench import siapkan_django

    siapkan_django()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner, setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    lama = runner.setup_databases()
    try:
        from kesos.bencana import queries
        from kesos.bencana.models import Bantuan, Barang, Gudang, JenisMutasi, Kejadian, Mutasi, Saldo

        acak = random.Random(13)
        print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {connection.vendor}")
        gudang = [Gudang.objects.create(kode=f"G{i}", nama=f"Gudang {i}") for i in range(5)]
        barang = Barang.objects.bulk_create(
            [
                Barang(kode=f"B{i:04d}", nama=f"Barang {i}", satuan="unit", stok_minimum=10)
                for i in range(a.barang)
            ]
        )
        mulai = time.perf_counter()
        saldo: dict[tuple[int, int], int] = {}
        batch, hari0 = [], date(2020, 1, 1)
        for n in range(a.entri):
            b, g = acak.choice(barang), acak.choice(gudang)
            s = saldo.get((b.pk, g.pk), 0)
            jumlah = acak.randint(1, 50) if s < 20 or acak.random() < 0.5 else -acak.randint(1, s)
            saldo[(b.pk, g.pk)] = s + jumlah
            batch.append(
                Mutasi(
                    barang=b,
                    gudang=g,
                    jenis=JenisMutasi.TERIMA if jumlah > 0 else JenisMutasi.KELUAR,
                    tanggal=hari0 + timedelta(days=n // 2000),
                    jumlah=jumlah,
                    saldo_setelah=s + jumlah,
                    satuan="unit",
                )
            )
            if len(batch) == 20_000:
                Mutasi.objects.bulk_create(batch)
                batch = []
        Mutasi.objects.bulk_create(batch)
        Saldo.objects.bulk_create([Saldo(barang_id=b, gudang_id=g, jumlah=s) for (b, g), s in saldo.items()])
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("ANALYZE")
        print(
            f"ledger of {a.entri:,} entries for {a.barang} items × 5 warehouses "
            f"built in {time.perf_counter() - mulai:.0f} s"
        )

        med, mn, hasil = ukur(queries.stok_per_barang, a.ulang)
        benar = sum(x.jumlah for x in hasil) == sum(saldo.values()) and len(hasil) == a.barang
        print(
            f"stock on hand, {a.barang} items (running balances): "
            f"median {med * 1000:.1f} ms, min {mn * 1000:.1f} ms; totals right: {benar}"
        )
        med, mn, hasil = ukur(queries.stok_dari_ledger, max(1, a.ulang // 2))
        print(
            f"stock on hand summed from the whole ledger: median {med * 1000:.0f} ms, "
            f"min {mn * 1000:.0f} ms; equal to balances: {hasil == saldo}"
        )
        med, mn, hasil = ukur(queries.stok_periksa, 1)
        print(
            f"stok_periksa (balances vs ledger vs last 'sisa'): {med * 1000:.0f} ms, {len(hasil)} differences"
        )

        mulai = time.perf_counter()
        tz = timezone.get_current_timezone()
        kejadian = Kejadian.objects.bulk_create(
            [
                Kejadian(
                    jenis="tanah_longsor",
                    uraian=f"Kejadian {i}",
                    waktu_lapor=datetime(2021, 1, 1, tzinfo=tz) + timedelta(minutes=50 * i),
                    desa_kode="18.04.04.2002",
                    jiwa_terdampak=10,
                )
                for i in range(a.kejadian)
            ]
        )
        jeda = {}
        bantuan = []
        for k in kejadian:
            if acak.random() < 0.9:
                menit = [acak.randint(30, 3000) for _ in range(acak.randint(1, 3))]
                jeda[k.pk] = min(menit) * 60
                bantuan += [Bantuan(kejadian=k, waktu=k.waktu_lapor + timedelta(minutes=m)) for m in menit]
        Bantuan.objects.bulk_create(bantuan, batch_size=5000)
        # What ``services.bantuan_catat`` keeps on the event under its row lock: the first
        # delivery's time and the response time (checked below against the deliveries).
        for k in kejadian:
            if k.pk in jeda:
                k.respon_detik = jeda[k.pk]
                k.bantuan_pertama = k.waktu_lapor + timedelta(seconds=jeda[k.pk])
        Kejadian.objects.bulk_update(kejadian, ["bantuan_pertama", "respon_detik"], batch_size=5000)
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("ANALYZE")
        print(
            f"{a.kejadian:,} events, {len(bantuan):,} deliveries built in {time.perf_counter() - mulai:.0f} s"
        )
        harap = statistics.median(jeda.values()) / 3600
        med, mn, hasil = ukur(queries.respon_ringkas, a.ulang)
        print(
            f"response time over all events: median {med * 1000:.0f} ms, min {mn * 1000:.0f} ms; "
            f"{hasil.dibantu}/{hasil.kejadian} answered, median {hasil.median_jam} h (expected {harap:.2f}), "
            f"mean {hasil.rata_jam} h"
        )
        med, mn, hasil = ukur(lambda: queries.respon_ringkas(tahun=2021), a.ulang)
        print(
            f"response time for 2021 ({hasil.kejadian:,} events): "
            f"median {med * 1000:.0f} ms, min {mn * 1000:.0f} ms"
        )
        med, mn, hasil = ukur(queries.respon_tren, a.ulang)
        print(
            f"response time per year (trend, {len(hasil)} years): "
            f"median {med * 1000:.0f} ms, min {mn * 1000:.0f} ms"
        )
        med, mn, hasil = ukur(lambda: queries.respon_per_kecamatan(tahun=2021), a.ulang)
        print(f"response time per kecamatan, 2021: median {med * 1000:.0f} ms, min {mn * 1000:.0f} ms")
        med, mn, hasil = ukur(queries.respon_periksa, 1)
        print(f"respon_periksa (kept times vs deliveries): {med * 1000:.0f} ms, {len(hasil)} differences")
    finally:
        runner.teardown_databases(lama)


if __name__ == "__main__":
    main()
