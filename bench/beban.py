"""Load test: kesos on gunicorn and PostgreSQL with DEBUG off, 20 users of four roles at once.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python -m bench.beban [--pengguna 20] [--detik 120] [--pekerja 3]

One command does everything: creates its own database `kesos_beban` on the PostgreSQL server of
DATABASE_URL (default postgres://postgres@127.0.0.1:5432), migrates it, loads the demo
(`kesos seed-demo`, about 52.000 invented persons), opens a verval round, starts gunicorn on
127.0.0.1:8104, runs locust headless for a fixed time (`bench/beban_locust/locustfile.py`),
then asks each page 20 times for one user alone, stops both, drops the database and prints
p50/p95/errors per page (under load: from the moment every user is signed in) beside the
server's CPU time per page, since the machine is shared. It refuses any database whose name
is not `kesos_beban`, and a `kesos_beban` it did not create.
"""

import argparse
import csv
import json
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

NAMA_DB = "kesos_beban"
PENANDA = "kesos bench: dibuat oleh bench.beban, boleh dihapus"
AKAR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


class Ditolak(SystemExit):
    pass


def url_db(url: str | None) -> str:
    """The bench database's URL: DATABASE_URL if it names `kesos_beban`, else refused; without
    DATABASE_URL, `kesos_beban` on the local server."""
    if not url:
        return f"postgres://postgres@127.0.0.1:5432/{NAMA_DB}"
    bagian = urlsplit(url)
    if bagian.scheme not in ("postgres", "postgresql") or bagian.path.lstrip("/") != NAMA_DB:
        raise Ditolak(
            f"Uji beban hanya berjalan pada basis data PostgreSQL miliknya sendiri, '{NAMA_DB}'; "
            f"DATABASE_URL menunjuk '{bagian.path.lstrip('/') or url}'. Tidak ada yang diubah."
        )
    return url


def _admin(url: str):
    import psycopg

    b = urlsplit(url)
    return psycopg.connect(urlunsplit(b._replace(path="/postgres")), autocommit=True)


def _penanda(cur) -> str | None:
    cur.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [NAMA_DB])
    baris = cur.fetchone()
    return None if baris is None else (baris[0] or "")


def buat_db(url: str) -> None:
    with _admin(url) as conn, conn.cursor() as cur:
        ada = _penanda(cur)
        if ada is not None and ada != PENANDA:
            raise Ditolak(f"Basis data '{NAMA_DB}' sudah ada dan bukan buatan uji beban; tidak disentuh.")
        if ada is not None:
            cur.execute(f'DROP DATABASE "{NAMA_DB}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{NAMA_DB}"')
        cur.execute(f"COMMENT ON DATABASE \"{NAMA_DB}\" IS '{PENANDA}'")


def hapus_db(url: str) -> None:
    with _admin(url) as conn, conn.cursor() as cur:
        if _penanda(cur) == PENANDA:
            cur.execute(f'DROP DATABASE "{NAMA_DB}" WITH (FORCE)')


def kesos(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "kesos"), *args], env=env, cwd=AKAR, check=True, stdout=subprocess.DEVNULL)


def siapkan_data(env: dict, berkas: Path, jumlah_sesi: int) -> None:
    """An open verval round, and the ids the locust users need, in a JSON file (in a process of
    its own, with the bench's settings)."""
    kode = f"from bench.beban import tulis_data; tulis_data({str(berkas)!r}, {jumlah_sesi})"
    subprocess.run([str(BIN / "python"), "-c", kode], env=env, cwd=AKAR, check=True)


def tulis_data(berkas: str, jumlah_sesi: int) -> None:
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from kesos.akun.models import Pengguna
    from kesos.perencanaan.models import Renja
    from kesos.registri.models import Orang, PutaranVerval
    from kesos.registri.services import verval_buka

    kadis = Pengguna.objects.get(username="kadis")
    operator = Pengguna.objects.get(username="operator_balikbukit")
    putaran = PutaranVerval.objects.filter(ditutup_pada__isnull=True).first() or verval_buka(
        nama="Verval uji beban", pengguna=kadis
    )
    renja = Renja.objects.order_by("tahun", "id").first()
    di_wilayah = Orang.data_pribadi.filter(desa_kode__startswith=operator.wilayah_kode).order_by("id")
    orang = list(di_wilayah.values_list("id", flat=True)[:500])
    # What an operator types: the start of a name, or the first digits of a NIK of the area.
    awal_nama = sorted({n.split()[0][:4].lower() for n in di_wilayah.values_list("nama", flat=True)[:60]})
    cari = awal_nama[:20] + [operator.wilayah_kode.replace(".", "")]
    # Each locust user starts signed in, with a session of its own, as after the login form: twenty
    # password hashes at once (deliberately slow) would measure the login, not the pages.
    sesi: dict[str, list[str]] = {}
    for username in ("kadis", "perencana", "operator_balikbukit"):
        user = Pengguna.objects.get(username=username)
        for _ in range(jumlah_sesi):
            s = SessionStore()
            s[SESSION_KEY] = str(user.pk)
            s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            s[HASH_SESSION_KEY] = user.get_session_auth_hash()
            s.create()
            sesi.setdefault(username, []).append(s.session_key)
    data = {
        "sesi": sesi,
        "renja": renja.pk,
        "organisasi": renja.organisasi_id,
        "tahun": renja.tahun,
        "putaran": putaran.pk,
        "orang": orang,
        "cari": cari,
    }
    Path(berkas).write_text(json.dumps(data), encoding="utf-8")


def _halaman_utama(d: dict) -> list[tuple[str, str, str]]:
    """(name, path, username) of each page the load test visits, for one user at a time."""
    renja, org, tahun = d["renja"], d["organisasi"], d["tahun"]
    return [
        ("beranda /", "/", "kadis"),
        ("pohon Renja", f"/renja/{renja}/", "perencana"),
        ("Periksa", f"/renja/{renja}/periksa/", "perencana"),
        ("T-C.29", f"/evaluasi/{org}/tc29/{tahun}/", "kadis"),
        ("grafik tren T-C.29 (svg)", f"/evaluasi/{org}/tren/{tahun}.svg", "kadis"),
        ("E.81", f"/evaluasi/renja/{renja}/e81/", "kadis"),
        ("grafik capaian E.81 (svg)", f"/evaluasi/renja/{renja}/capaian.svg", "kadis"),
        ("cari orang", f"/registri/orang/?q={d['cari'][0]}", "operator_balikbukit"),
        ("orang (halaman)", f"/registri/orang/{d['orang'][0]}/", "operator_balikbukit"),
        ("verval (kemajuan)", "/registri/verval/", "operator_balikbukit"),
    ]


def _ambil(port: int, jalur: str, sesi: str) -> float:
    from urllib.request import Request, urlopen

    req = Request(f"http://127.0.0.1:{port}{jalur}", headers={"Cookie": f"sessionid={sesi}"})
    mulai = time.perf_counter()
    with urlopen(req, timeout=120) as r:
        r.read()
        if r.status != 200 or "/masuk/" in r.url:
            raise SystemExit(f"{jalur}: HTTP {r.status} {r.url}")
    return time.perf_counter() - mulai


def panaskan(port: int, data: Path, kali: int) -> None:
    """Each page a few times before the measured run: a fresh worker's first request loads
    templates, translations and URL patterns, which a long-running server has long done, and
    draws the charts, which are then served from the cache until their data change."""
    d = json.loads(data.read_text(encoding="utf-8"))
    for _ in range(kali):
        for _nama, jalur, username in _halaman_utama(d):
            _ambil(port, jalur, d["sesi"][username][0])


def satu_pengguna(port: int, data: Path, kali: int) -> dict[str, tuple[float, float]]:
    """One user alone, page after page without a pause: median and 95th percentile in ms."""
    d = json.loads(data.read_text(encoding="utf-8"))
    waktu: dict[str, list[float]] = {}
    for _ in range(kali):
        for nama, jalur, username in _halaman_utama(d):
            waktu.setdefault(nama, []).append(_ambil(port, jalur, d["sesi"][username][0]) * 1000)
    hasil = {}
    for nama, nilai in waktu.items():
        nilai.sort()
        hasil[nama] = (statistics.median(nilai), nilai[min(len(nilai) - 1, int(0.95 * len(nilai)))])
    return hasil


def tunggu_port(port: int, detik: float = 60) -> None:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise SystemExit(f"gunicorn tidak menjawab di port {port}")


# Request (method and path, without the query) to the name the locust users give it.
HALAMAN = [
    (r"GET /$", "beranda /"),
    (r"GET /renja/\d+/$", "pohon Renja"),
    (r"GET /renja/\d+/periksa/$", "Periksa"),
    (r"GET /evaluasi/\d+/tc29/\d+/$", "T-C.29"),
    (r"GET /evaluasi/\d+/tren/", "grafik tren T-C.29 (svg)"),
    (r"GET /evaluasi/renja/\d+/e81/$", "E.81"),
    (r"GET /evaluasi/renja/\d+/capaian", "grafik capaian E.81 (svg)"),
    (r"GET /registri/orang/$", "cari orang"),
    (r"GET /registri/orang/\d+/$", "orang (halaman)"),
    (r"POST /registri/orang/\d+/verval/$", "verval (simpan)"),
    (r"GET /registri/verval/$", "verval (kemajuan)"),
]


def cpu_per_halaman(berkas: Path) -> dict[str, tuple[float, float]]:
    """Median and 95th percentile of the server's CPU ms per page, from the gunicorn hook's log."""
    per: dict[str, list[float]] = {}
    if berkas.exists():
        for baris in berkas.read_text(encoding="utf-8").splitlines():
            jalur, _, ms = baris.partition("\t")
            for pola, nama in HALAMAN:
                if re.match(pola, jalur):
                    per.setdefault(nama, []).append(float(ms))
                    break
    hasil = {}
    for nama, nilai in per.items():
        nilai.sort()
        hasil[nama] = (statistics.median(nilai), nilai[min(len(nilai) - 1, int(0.95 * len(nilai)))])
    return hasil


def cetak_hasil(prefix: Path, cpu: dict[str, tuple[float, float]]) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        baris = list(csv.DictReader(f))
    hasil = []
    print(
        f"\n{'halaman':<28} {'jumlah':>6} {'galat':>5} {'p50 ms':>7} {'p95 ms':>7} {'maks ms':>8}"
        f" {'CPU p50':>8} {'CPU p95':>8}"
    )
    for b in baris:
        nama = b["Name"] if b["Name"] != "Aggregated" else "SEMUA"
        c50, c95 = cpu.get(nama, (None, None))
        r = {
            "nama": nama,
            "jumlah": int(b["Request Count"]),
            "galat": int(b["Failure Count"]),
            "p50": b["50%"],
            "p95": b["95%"],
            "maks": f"{float(b['Max Response Time']):.0f}",
            "cpu_p50": "" if c50 is None else f"{c50:.0f}",
            "cpu_p95": "" if c95 is None else f"{c95:.0f}",
        }
        hasil.append(r)
        print(
            f"{nama:<28} {r['jumlah']:>6} {r['galat']:>5} {r['p50']:>7} {r['p95']:>7} {r['maks']:>8}"
            f" {r['cpu_p50']:>8} {r['cpu_p95']:>8}"
        )
    return hasil


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pengguna", type=int, default=20, help="users at once (default 20)")
    parser.add_argument("--detik", type=int, default=120, help="how long locust runs (default 120)")
    parser.add_argument("--pekerja", type=int, default=4, help="gunicorn workers, 2-4 (default 4)")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--simpan-db", action="store_true", help="keep kesos_beban afterwards")
    parser.add_argument("--tanpa-seed", action="store_true", help="reuse a kesos_beban kept before")
    parser.add_argument(
        "--ulang-satu", type=int, default=20, help="then each page N times for one user alone (default 20)"
    )
    parser.add_argument(
        "--redis", help="cache charts in Redis shared by the workers, e.g. redis://127.0.0.1:6379/1"
    )
    parser.add_argument("--hasil", help="write the per-page figures as JSON to this file")
    args = parser.parse_args()
    if not 2 <= args.pekerja <= 4:
        parser.error("--pekerja: 2 sampai 4")

    url = url_db(os.environ.get("DATABASE_URL"))
    sementara = Path(tempfile.mkdtemp(prefix="kesos-beban-"))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "KESOS_HTTPS": "0",
        "KESOS_VAR_DIR": str(sementara),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "kesos.settings",
        "PYTHONPATH": str(AKAR),
    }
    if args.redis:
        env["KESOS_REDIS_URL"] = args.redis
    data = sementara / "data.json"
    mulai = time.monotonic()
    if not args.tanpa_seed:
        buat_db(url)
        print(f"basis data {NAMA_DB} dibuat; migrate dan seed-demo …", flush=True)
        kesos(env, "migrate", "--noinput")
        kesos(env, "seed-demo")
    kesos(env, "collectstatic", "--noinput")
    siapkan_data(env, data, args.pengguna)
    print(f"siap dalam {time.monotonic() - mulai:.0f} s; gunicorn {args.pekerja} pekerja", flush=True)
    gunicorn = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "kesos.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.pekerja),
            "--access-logfile",
            "-" if os.environ.get("KESOS_BEBAN_LOG") else "/dev/null",
            "--error-logfile",
            str(sementara / "gunicorn.log"),
            "--config",
            str(AKAR / "bench" / "beban_locust" / "gunicorn_conf.py"),
        ],
        env={**env, "KESOS_BEBAN_CPU": str(sementara / "cpu.tsv")},
        cwd=AKAR,
    )
    try:
        tunggu_port(args.port)
        panaskan(args.port, data, args.pekerja)
        (sementara / "cpu.tsv").unlink(missing_ok=True)
        beban_awal = os.getloadavg()
        prefix = sementara / "locust"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(AKAR / "bench" / "beban_locust" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.pengguna),
                "--spawn-rate",
                str(max(1, args.pengguna // 4)),
                "--run-time",
                f"{args.detik}s",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={**env, "KESOS_BEBAN_DATA": str(data)},
            cwd=AKAR,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        beban_akhir = os.getloadavg()
        sendiri = satu_pengguna(args.port, data, args.ulang_satu) if args.ulang_satu else {}
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        if not args.simpan_db:
            hapus_db(url)
    hasil = cetak_hasil(prefix, cpu_per_halaman(sementara / "cpu.tsv"))
    if sendiri:
        print(f"\nsatu pengguna sendirian, {args.ulang_satu} kali tiap halaman")
        print(f"{'halaman':<28} {'p50 ms':>7} {'p95 ms':>7}")
        for nama, (p50, p95) in sendiri.items():
            print(f"{nama:<28} {p50:>7.0f} {p95:>7.0f}")
        hasil.append({"satu_pengguna": {k: [round(a), round(b)] for k, (a, b) in sendiri.items()}})
    galat_log = (sementara / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
    if "Traceback" in galat_log:
        print("\ngunicorn mencatat galat:\n" + galat_log[-3000:])
    print(
        f"\n{args.pengguna} pengguna, {args.detik} s, gunicorn {args.pekerja} pekerja; "
        f"load average {beban_awal[0]:.1f} sebelum, {beban_akhir[0]:.1f} sesudah; "
        f"mesin {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}"
    )
    if args.hasil:
        Path(args.hasil).write_text(json.dumps(hasil, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
