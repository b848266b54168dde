"""Where a page spends its time: pyinstrument over N requests of one page as one user, with its
query count and CPU time per request.

    DATABASE_URL=postgres://…/kesos_beban .venv/bin/python -m bench.profil /evaluasi/renja/1/e81/ \\
        --pengguna kadis [--ulang 10]

It asks pages of an existing database (seeded, e.g. `python -m bench.beban --simpan-db`) through
Django's test client with DEBUG off; GET only.
"""

import argparse
import time


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("jalur", help="the page, e.g. /renja/1/")
    parser.add_argument("--pengguna", default="kadis", help="username to ask as (default kadis)")
    parser.add_argument("--ulang", type=int, default=10)
    args = parser.parse_args()

    from bench import siapkan_django

    siapkan_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    from kesos.akun.models import Pengguna

    c = Client()
    c.force_login(Pengguna.objects.get(username=args.pengguna))
    r = c.get(args.jalur)  # the first request loads templates and translations
    if r.status_code != 200:
        raise SystemExit(f"{args.jalur}: HTTP {r.status_code}")
    with CaptureQueriesContext(connection) as kueri:
        c.get(args.jalur)
    jumlah_kueri = len(kueri)  # read now: every request start empties Django's query log
    profiler = Profiler(interval=0.0005)
    cpu, dinding = time.process_time(), time.perf_counter()
    profiler.start()
    for _ in range(args.ulang):
        c.get(args.jalur)
    profiler.stop()
    cpu, dinding = time.process_time() - cpu, time.perf_counter() - dinding
    print(profiler.output_text(unicode=True, color=False))
    print(
        f"{args.jalur}: {jumlah_kueri} kueri, CPU {cpu / args.ulang * 1000:.1f} ms, "
        f"jam dinding {dinding / args.ulang * 1000:.1f} ms per permintaan (dengan profiler)"
    )


if __name__ == "__main__":
    main()
