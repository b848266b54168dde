"""The home page (`GET /`) for each role on the demo data (Lampung Barat, about 52.000 synthetic
persons) with a second office whose current Renja has 2.000 kegiatan, a final Renja of this year
with four quarters of realisation on each of its 2.000 kegiatan, and an open verval round.

Run with `.venv/bin/python -m bench.beranda [--kegiatan N] [--ulang N]`. A fresh SQLite database
in a temporary folder unless DATABASE_URL names another database, in which case a test database
beside it is created and dropped. Each figure is the median and the best of the runs, in
seconds, with the number of queries the page made; the chart images the page links to are
separate requests and are not counted.
"""

import argparse
import os
import time

from bench import dengan_basis_data_uji, mesin, ukur


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--kegiatan", type=int, default=2000)
    p.add_argument("--ulang", type=int, default=5)
    a = p.parse_args()
    dengan_basis_data_uji(lambda: jalankan(a))
    from django.db import connection

    print(f"basis data: {connection.vendor}")
    print(mesin())


def jalankan(a: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench.sintetis import buat_realisasi_sintetis, buat_renja_sintetis
    from kesos.akun.models import Pengguna
    from kesos.perencanaan.models import Tahap
    from kesos.registri import services as registri
    from kesos.registri.models import Orang, PutaranVerval

    mulai = time.perf_counter()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    buat_renja_sintetis(kegiatan=a.kegiatan, tahun=2030)
    final = buat_renja_sintetis(kegiatan=a.kegiatan, tahun=timezone.localdate().year, tahap=Tahap.FINAL)
    n_realisasi = buat_realisasi_sintetis(final)
    kadis = Pengguna.objects.get(username="kadis")
    operator = Pengguna.objects.get(username="operator_balikbukit")
    # seed-demo opens a round of its own; the bench adds its 500 results to it
    putaran = PutaranVerval.objects.filter(ditutup_pada__isnull=True).first() or registri.verval_buka(
        nama="Verval bench", pengguna=kadis
    )
    for o in Orang.data_pribadi.filter(desa_kode__startswith=operator.wilayah_kode + ".")[:500]:
        registri.verval_tandai(putaran=putaran, orang=o, hasil="valid", pengguna=operator)
    print(
        f"Disiapkan dalam {time.perf_counter() - mulai:.0f} s: data demo ({Orang.agregat.count()} orang); "
        f"Renja {a.kegiatan} kegiatan; Renja final dengan {n_realisasi} realisasi triwulan; "
        "putaran verval dengan 500 orang diverval"
    )
    print(f"GET / ({a.ulang} kali, detik: median / terbaik; jumlah kueri)")
    for username in ("kadis", "perencana", "operator_balikbukit", "reviewer", "admin"):
        c = Client()
        c.force_login(Pengguna.objects.get(username=username))
        assert c.get("/").status_code == 200
        kueri: list[str] = []

        def hitung(execute, sql, *rest, kueri=kueri):
            kueri.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(hitung):
            c.get("/")
        median, terbaik = ukur(lambda c=c: c.get("/"), a.ulang)
        print(f"  {username:<22} {median:7.3f}  {terbaik:7.3f}  {len(kueri):3d}")


if __name__ == "__main__":
    main()
